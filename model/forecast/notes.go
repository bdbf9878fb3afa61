package forecast

import (
	"fmt"
	"strings"
)

// maxNoteSubjects is how many schools a note names before "and N more":
// a district of thousands of schools must not drown the user in notes.
const maxNoteSubjects = 8

// notes collects messages that apply to many schools under one line each,
// in the order they were first raised.
type notes struct {
	order    []string
	subjects map[string][]string
}

// add records that message applies to subject ("" = the whole run).
func (n *notes) add(message, subject string) {
	if n.subjects == nil {
		n.subjects = map[string][]string{}
	}
	list, seen := n.subjects[message]
	if !seen {
		n.order = append(n.order, message)
	}
	if subject != "" {
		list = append(list, subject)
	}
	n.subjects[message] = list
}

func (n *notes) addf(subject, format string, args ...any) {
	n.add(fmt.Sprintf(format, args...), subject)
}

// lines renders "message: A, B, C and 12 more" per message.
func (n *notes) lines() []string {
	out := make([]string, 0, len(n.order))
	for _, m := range n.order {
		subj := n.subjects[m]
		if len(subj) == 0 {
			out = append(out, m)
			continue
		}
		shown := subj
		if len(shown) > maxNoteSubjects {
			shown = shown[:maxNoteSubjects]
		}
		s := m + ": " + strings.Join(shown, ", ")
		if more := len(subj) - len(shown); more > 0 {
			s += fmt.Sprintf(" and %d more", more)
		}
		out = append(out, s)
	}
	return out
}
