package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"
)

// Commands: "myplugin" prints a hello; "myplugin greet --name/-n <who>" greets with the
// configured greeting; "myplugin fail" writes to stderr and fails.
func (p *MyPlugin) Commands() []*cobra.Command {
	root := &cobra.Command{
		Use:   "myplugin",
		Short: "My plugin commands",
		Run: func(cmd *cobra.Command, args []string) {
			cmd.Println("Hello from MyPlugin!")
		},
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	var name string
	greet := &cobra.Command{
		Use:   "greet",
		Short: "Greet someone",
		Run: func(cmd *cobra.Command, args []string) {
			fmt.Fprintf(cmd.OutOrStdout(), "%s, %s!\n", p.greeting, name)
		},
	}
	greet.Flags().StringVarP(&name, "name", "n", "World", "who to greet")
	fail := &cobra.Command{
		Use:   "fail",
		Short: "Always fails",
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintln(cmd.ErrOrStderr(), "fail: this command always fails")
			return errors.New("exit status 1")
		},
	}
	root.AddCommand(greet, fail)
	return []*cobra.Command{root}
}
