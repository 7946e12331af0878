package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/causeway/causeway/graph"
)

// claimsOptions are what claims needs; flags fill them in.
type claimsOptions struct {
	env    *env
	about  string
	format string
}

func newClaimsCmd(e *env, runF func(context.Context, *claimsOptions) error) *cobra.Command {
	opts := &claimsOptions{env: e}
	cmd := &cobra.Command{
		Use:   "claims",
		Short: "List the claims of the store, with their numbers, hedges, speakers and quotes",
		Long: `Claims lists the factual, numeric and forecast claims of the store in the
order of their quotes in the source text: what each is about, its statement,
its number (a value or a range in base units, with comparator, unit and
period), its hedge and speaker, whether part of it is inferred, and the
verbatim quote.

--about NAME keeps the claims about one entity or factor; NAME is resolved as
in trace (an id, a label or an alias in either language, any case, or a part
of one that fits a single node). A name that fits several nodes, or none,
exits with status 2; no claim at all exits with status 1.`,
		Example: `  causeway claims --about oracle
  causeway claims --about 成交量 --format json`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(opts.format, "text", "json"); err != nil {
				return err
			}
			if cmd.Flags().Changed("about") && strings.TrimSpace(opts.about) == "" {
				return usageError{fmt.Errorf("--about needs a name")}
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return claimsRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.about, "about", "", "only the claims about this entity or factor")
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	return cmd
}

// claimsResult is claims' JSON output.
type claimsResult struct {
	Claims []graph.Claim `json:"claims"`
}

func claimsRun(ctx context.Context, opts *claimsOptions) error {
	s, err := opts.env.openStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	about, err := resolveIfSet(ctx, s, opts.about)
	if err != nil {
		return err
	}
	id := ""
	if about != nil {
		id = about.ID
	}
	claims, err := s.Claims(ctx, id)
	if err != nil {
		return err
	}
	out := opts.env.stdout
	if opts.format == "json" {
		if err := writeJSON(out, claimsResult{Claims: claims}); err != nil {
			return err
		}
	} else if len(claims) > 0 {
		writeClaims(out, about, claims)
	}
	if len(claims) == 0 {
		if about != nil {
			return opts.env.nothingFound("no claim is about %s", nodeName(*about))
		}
		return opts.env.nothingFound("the store holds no claims")
	}
	return nil
}

func writeClaims(w io.Writer, about *graph.Node, claims []graph.Claim) {
	noun := plural(len(claims), "claim", "claims")
	if about != nil {
		fmt.Fprintf(w, "%d %s about %s\n", len(claims), noun, nodeName(*about))
	} else {
		fmt.Fprintf(w, "%d %s\n", len(claims), noun)
	}
	for _, c := range claims {
		fmt.Fprintf(w, "\n%s · %s\n", c.ID, nodeName(c.About))
		fmt.Fprintf(w, "  %s\n", c.Statement)
		if n := formatNumber(c); n != "" {
			fmt.Fprintf(w, "  = %s\n", n)
		}
		fmt.Fprintf(w, "  %s · %s%s  「%s」\n", c.Hedge, c.Speaker, claimInferredMark(c), c.Quote)
		if c.Note != "" {
			fmt.Fprintf(w, "  note: %s\n", c.Note)
		}
	}
}

func claimInferredMark(c graph.Claim) string {
	if c.Inferred {
		return " · inferred"
	}
	return ""
}

// formatNumber shows a claim's number: "1.8e10 USD", "200–300
// index-points", "> 2.3e12 CNY per day"; "" for a claim without one.
func formatNumber(c graph.Claim) string {
	var n string
	switch {
	case c.Value != nil:
		n = formatFloat(*c.Value)
	case c.Min != nil && c.Max != nil:
		n = formatFloat(*c.Min) + "–" + formatFloat(*c.Max)
	case c.Min != nil:
		n = "≥ " + formatFloat(*c.Min)
	case c.Max != nil:
		n = "≤ " + formatFloat(*c.Max)
	default:
		return ""
	}
	if c.Comparator != nil {
		n = *c.Comparator + " " + n
	}
	if c.Unit != "" {
		n += " " + c.Unit
	}
	if c.Per != nil {
		n += " per " + *c.Per
	}
	return n
}

// formatFloat writes f in its shortest form, with a plain exponent
// (1.8e10, not 1.8e+10).
func formatFloat(f float64) string {
	return strings.Replace(strconv.FormatFloat(f, 'g', -1, 64), "e+", "e", 1)
}
