package main

import (
	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/pkg/botaz"
)

func (bz *bzCmds) messagesCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "messages", Short: "Agents' chat messages"}
	cmd.AddCommand(bz.sendCmd(), bz.getMessageCmd(), bz.editCmd(), bz.deleteCmd())
	return cmd
}

func (bz *bzCmds) sendCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "send",
		Short: "Send a message to a visitor as an agent",
		Long: `Send a message to a visitor as an agent (POST /messages/) and print it.

--agent-id is the sending agent (the body's userId); it defaults to the user
id of the credential (BOTAZ_USER_ID or the global --user-id), which is a
different flag: the global --user-id authenticates, --agent-id signs the message.
Not retried unless the request provably never reached the server.`,
		Example: "  botctl --mock botaz messages send --visitor-id BtR7qAyvZfTWoaC7a --text 'Good morning! Can I help you?'\n" +
			"  botctl botaz messages send --agent-id MvSzqx36KksKNxHmK --visitor-id BtR7qAyvZfTWoaC7a --text Hi\n" +
			"  echo '{\"visitorId\":\"BtR7qAyvZfTWoaC7a\",\"text\":\"Hi\"}' | botctl botaz messages send --data -",
		Args: cobra.NoArgs,
	}
	var p botaz.SendMessageParams
	body := newRequestBody(cmd)
	body.str("agent-id", "userId", "the sending agent's id (default: the credential's user id, BOTAZ_USER_ID)", func(v string) { p.UserID = v })
	body.str("visitor-id", "visitorId", "the visitor to write to: the :id in https://app.bot.az/chat/:id (required)", func(v string) { p.VisitorID = v })
	body.str("text", "text", "the message text (required)", func(v string) { p.Text = v })
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if err := body.load(bz.app.env.stdin); err != nil {
			return err
		}
		if p.UserID == "" {
			id, err := bz.userID()
			if err != nil {
				return err
			}
			p.UserID = id
		}
		c, err := bz.app.botaz(cmd.Context())
		if err != nil {
			return err
		}
		msg, err := c.Messages.Send(cmd.Context(), p)
		if err != nil {
			return err
		}
		return printObject(bz.app, msg, bzMessageColumns)
	}
	return cmd
}

func (bz *bzCmds) getMessageCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "get ID",
		Short:   "Show a message, an agent's or a visitor's",
		Example: "  botctl --mock botaz messages get qZkS5QLZSBLKzYAwm\n  botctl botaz messages get qZkS5QLZSBLKzYAwm -o table",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := bz.app.botaz(cmd.Context())
			if err != nil {
				return err
			}
			msg, err := c.Messages.Get(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			return printObject(bz.app, msg, bzMessageColumns)
		},
	}
}

func (bz *bzCmds) editCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "edit ID",
		Short:   "Replace the text of an agent's message",
		Long:    "Replace the text of an agent's message (PUT /messages/:id) and print it. Visitors' messages cannot be edited.",
		Example: "  botctl --mock botaz messages edit qZkS5QLZSBLKzYAwm --text 'Good afternoon! Can I help you?'",
		Args:    cobra.ExactArgs(1),
	}
	var p botaz.EditMessageParams
	body := newRequestBody(cmd)
	body.str("text", "text", "the new text (required)", func(v string) { p.Text = v })
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if err := body.load(bz.app.env.stdin); err != nil {
			return err
		}
		c, err := bz.app.botaz(cmd.Context())
		if err != nil {
			return err
		}
		msg, err := c.Messages.Edit(cmd.Context(), args[0], p)
		if err != nil {
			return err
		}
		return printObject(bz.app, msg, bzMessageColumns)
	}
	return cmd
}

func (bz *bzCmds) deleteCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "delete ID",
		Short:   "Delete an agent's message and print it",
		Long:    "Delete an agent's message (DELETE /messages/:id) and print the deleted message. Visitors' messages cannot be deleted.",
		Example: "  botctl --mock botaz messages delete qZkS5QLZSBLKzYAwm",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := bz.app.botaz(cmd.Context())
			if err != nil {
				return err
			}
			msg, err := c.Messages.Delete(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			return printObject(bz.app, msg, bzMessageColumns)
		},
	}
}
