// Command go-template-oracle renders a corpus of notification-template cases with Go's
// text/template and the function map notifications-engine hands it (sprig minus env/expandenv),
// and writes the expected output or error of each case as JSON. The TypeScript engine's tests read
// that fixture; Go is needed only to regenerate it.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"text/template"
	"time"

	"github.com/Masterminds/sprig/v3"
)

// The instant `now` stands for in every case, so outputs are reproducible.
const fixedNow = "2024-03-05T06:07:08.123Z"

type caseIn struct {
	Name     string
	Template string
	// Data is nil for cases that render default-data.json.
	Data json.RawMessage
}

type caseOut struct {
	Name     string          `json:"name"`
	Template string          `json:"template"`
	Data     json.RawMessage `json:"data,omitempty"`
	Output   *string         `json:"output,omitempty"`
	Error    *string         `json:"error,omitempty"`
}

type fixture struct {
	Now         string          `json:"now"`
	DefaultData json.RawMessage `json:"defaultData"`
	Cases       []caseOut       `json:"cases"`
}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: go-template-oracle <corpus.txt> <default-data.json> <out.json>")
		os.Exit(2)
	}
	defaultData, err := os.ReadFile(os.Args[2])
	check(err)
	cases, err := readCorpus(os.Args[1])
	check(err)
	now, err := time.Parse(time.RFC3339, fixedNow)
	check(err)
	out := fixture{Now: fixedNow, DefaultData: json.RawMessage(defaultData)}
	for _, c := range cases {
		out.Cases = append(out.Cases, render(c, defaultData, now))
	}
	body, err := json.MarshalIndent(out, "", "  ")
	check(err)
	check(os.WriteFile(os.Args[3], append(body, '\n'), 0o644))
}

func render(c caseIn, defaultData []byte, now time.Time) caseOut {
	result := caseOut{Name: c.Name, Template: c.Template, Data: c.Data}
	source := c.Data
	if source == nil {
		source = defaultData
	}
	var data map[string]any
	if err := json.Unmarshal(source, &data); err != nil {
		panic(fmt.Sprintf("case %s: bad data: %v", c.Name, err))
	}
	// As argo-rollouts' notification vars: `time` holds Now and Parse (RFC 3339, panics on error).
	data["time"] = map[string]any{
		"Now": func() time.Time { return now },
		"Parse": func(s string) time.Time {
			t, err := time.Parse(time.RFC3339, s)
			if err != nil {
				panic(err)
			}
			return t
		},
	}
	funcs := sprig.TxtFuncMap()
	delete(funcs, "env")
	delete(funcs, "expandenv")
	funcs["now"] = func() time.Time { return now }
	t, err := template.New(c.Name).Funcs(funcs).Parse(c.Template)
	if err != nil {
		msg := err.Error()
		result.Error = &msg
		return result
	}
	var sb strings.Builder
	if err := t.Execute(&sb, data); err != nil {
		msg := err.Error()
		result.Error = &msg
		return result
	}
	text := sb.String()
	result.Output = &text
	return result
}

// readCorpus reads cases written as:
//
//	=== name
//	data: {"optional": "json"}
//	template text, any number of lines
//
// The newline before the next `===` line ends the case and is not part of the template.
func readCorpus(path string) ([]caseIn, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	var cases []caseIn
	var current *caseIn
	var lines []string
	flush := func() {
		if current != nil {
			current.Template = strings.Join(lines, "\n")
			cases = append(cases, *current)
		}
	}
	scanner := bufio.NewScanner(file)
	scanner.Buffer(make([]byte, 1<<20), 1<<20)
	for scanner.Scan() {
		line := scanner.Text()
		switch {
		case strings.HasPrefix(line, "=== "):
			flush()
			current = &caseIn{Name: strings.TrimPrefix(line, "=== ")}
			lines = nil
		case current == nil:
			// Text before the first case is commentary.
		case len(lines) == 0 && strings.HasPrefix(line, "data: "):
			current.Data = json.RawMessage(strings.TrimPrefix(line, "data: "))
		default:
			lines = append(lines, line)
		}
	}
	flush()
	return cases, scanner.Err()
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
