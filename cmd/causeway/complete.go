package main

import (
	"context"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/causeway/causeway/export"
	"github.com/causeway/causeway/graph"
	"github.com/causeway/causeway/queries"
)

// completionLimit is the most names a shell completion offers: enough to
// choose from, few enough to read; typing more narrows them.
const completionLimit = 50

// addCompletions gives every command of the tree under root its shell
// completions (see causeway completion): node names, chains, sources,
// speakers, saved queries, formats and the other closed lists, each where
// a command or flag takes one. Names are read from the store the command
// would read: the embedded data, or --db or --data when the line being
// completed has them. Flags with no list complete to nothing rather than
// to file names; the flags that take files complete to files.
func addCompletions(root *cobra.Command, e *env) {
	for name, fn := range map[string]cobra.CompletionFunc{
		"db":      completeDB,
		"data":    completeDirs,
		"timeout": completeNothing,
	} {
		// The flags are root's own: registering them cannot fail.
		_ = root.RegisterFlagCompletionFunc(name, fn)
	}
	var walk func(*cobra.Command)
	walk = func(cmd *cobra.Command) {
		if cmd != root {
			if cmd.ValidArgsFunction == nil {
				cmd.ValidArgsFunction = argCompletion(e, cmd)
			}
			cmd.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) {
				if fn := flagCompletion(e, cmd, f.Name, f.Value.Type()); fn != nil {
					_ = cmd.RegisterFlagCompletionFunc(f.Name, fn)
				}
			})
		}
		for _, c := range cmd.Commands() {
			walk(c)
		}
	}
	walk(root)
}

// argCompletion completes the arguments of cmd.
func argCompletion(e *env, cmd *cobra.Command) cobra.CompletionFunc {
	nodes := func(n int) cobra.CompletionFunc {
		return func(c *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
			if len(args) >= n {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return e.completeNames(c, graph.CompleteNode, prefix)
		}
	}
	switch cmd.Name() {
	case "trace":
		return nodes(2)
	case "why", "effects", "show":
		return nodes(1)
	case "export":
		return func(c *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
			if on, _ := c.Flags().GetBool("trace"); !on {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return nodes(2)(c, args, prefix)
		}
	case "query", "queries":
		return func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return completeSavedQueries()
		}
	case "check", "coverage", "load", "doctor":
		return fileExt("yaml")
	case "new":
		return fileExt("txt")
	}
	return completeNothing
}

// flagCompletion completes the value of the flag name, of type typ, of
// cmd; nil leaves it to cobra (booleans take no value, -o a file name).
func flagCompletion(e *env, cmd *cobra.Command, name, typ string) cobra.CompletionFunc {
	names := func(kind string) cobra.CompletionFunc {
		return func(c *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
			return e.completeNames(c, kind, prefix)
		}
	}
	switch name {
	case "format":
		if cmd.Name() == "export" {
			return completeFormats
		}
		return fixed("text\tfor a reader", "json\tfor a program")
	case "via", "avoid", "through", "about", "around":
		return names(graph.CompleteNode)
	case "chain":
		return names(graph.CompleteChain)
	case "source":
		return names(graph.CompleteSource)
	case "speaker":
		return names(graph.CompleteSpeaker)
	case "min-hedge":
		return fixed("certain", "probable", "possible")
	case "lang":
		return fixed(queries.Langs()...)
	case "param":
		return completeParams
	case "data":
		return completeDirs
	case "output":
		return nil
	}
	if typ == "bool" {
		return nil
	}
	return completeNothing
}

// completeNames offers the names of kind that start with prefix, read
// from the store cmd would read.
func (e *env) completeNames(cmd *cobra.Command, kind, prefix string) ([]string, cobra.ShellCompDirective) {
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	var found []graph.Completion
	err := e.withStore(ctx, func(s *graph.Store) error {
		var err error
		found, err = s.Complete(ctx, kind, prefix, completionLimit)
		return err
	})
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	out := make([]string, len(found))
	for i, c := range found {
		out[i] = described(c.Value, c.Description)
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeSavedQueries offers the names of the saved queries.
func completeSavedQueries() ([]string, cobra.ShellCompDirective) {
	all, err := queries.List()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	out := make([]string, len(all))
	for i, q := range all {
		out[i] = described(q.Name, q.Description)
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeParams offers NAME=DEFAULT for each parameter of the saved query
// the line names, with no space after it, to edit the value in place.
func completeParams(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) == 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	all, err := queries.List()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	var out []string
	for _, q := range all {
		if q.Name != args[0] {
			continue
		}
		for _, p := range q.Params {
			out = append(out, p.Name+"="+p.Default)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

// completeFormats offers export's formats, each with what it is for.
func completeFormats(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	var out []string
	for _, f := range export.Formats() {
		out = append(out, described(f.Name, f.Help))
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeDB offers the kinds of store --db takes; the shell adds no space
// after a kind that goes on with a path or address.
func completeDB(_ *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
	out := []string{
		"bolt:\ta bolt store in a directory: bolt:PATH",
		"postgres://\ta PostgreSQL database: postgres://USER@HOST:PORT/DB?sslmode=disable",
		"cockroach://\ta CockroachDB database",
		"memory\tan empty store in memory",
	}
	if prefix != "" && !strings.HasPrefix("memory", prefix) {
		// Past the kind, the rest is the user's path or address.
		return nil, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

// completeDirs offers directories.
func completeDirs(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveFilterDirs
}

// completeNothing offers nothing, and no file names either.
func completeNothing(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveNoFileComp
}

// fixed offers a closed list of values.
func fixed(values ...string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// fileExt offers the files whose names end in .ext, and directories.
func fileExt(ext string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{ext}, cobra.ShellCompDirectiveFilterFileExt
	}
}

// described joins a value and its description as cobra shows them: the
// description after a tab, on one line.
func described(value, desc string) string {
	if desc = strings.Join(strings.Fields(desc), " "); desc == "" {
		return value
	}
	return value + "\t" + desc
}
