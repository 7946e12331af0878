package main

import (
	"context"
	"fmt"
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
			return dispatch(cmd, opts, runF, claimsRun)
		},
	}
	cmd.Flags().StringVar(&opts.about, "about", "", "only the claims about this entity or factor")
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	addOnly(cmd, e)
	return cmd
}

func claimsRun(ctx context.Context, opts *claimsOptions) error {
	return answer(ctx, opts.env, opts.format, func(s *graph.Store) (graph.ClaimsResult, error) {
		return s.Claims(ctx, graph.ClaimsRequest{About: opts.about, Only: opts.env.only})
	}, writeClaims)
}
