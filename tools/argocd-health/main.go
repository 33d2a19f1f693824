// argocd-health evaluates one of Argo CD's Lua health checks against a
// Kubernetes object, the way Argo CD's application controller does, so tests
// can read the health Argo CD would show for a Rollout, AnalysisRun or
// Experiment.
//
//	argocd-health [-dir <argo-cd module dir>] [-script <file.lua>] < object.json
//
// With -dir, the script is <dir>/resource_customizations/<group>/<Kind>/health.lua
// for the object's apiVersion and kind. It prints {"status","message"} as JSON.
// The scripts are read from the Go module cache at run time; none is copied here.
//
// The sandbox matches Argo CD's: no open libs but package, base and table (Lua
// 5.1 semantics, which the scripts rely on: `table.getn`), a one-second limit.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	lua "github.com/yuin/gopher-lua"
)

type health struct {
	Status  string `json:"status"`
	Message string `json:"message"`
}

// Argo CD maps any other status to Unknown.
var validStatus = map[string]bool{
	"Unknown": true, "Progressing": true, "Healthy": true,
	"Suspended": true, "Degraded": true, "Missing": true,
}

func main() {
	dir := flag.String("dir", "", "argo-cd module directory (resource_customizations/ inside)")
	script := flag.String("script", "", "health.lua to run (overrides -dir)")
	flag.Parse()

	out, err := run(*dir, *script, os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "argocd-health:", err)
		os.Exit(1)
	}
	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "argocd-health:", err)
		os.Exit(1)
	}
}

func run(dir, scriptPath string, in io.Reader) (*health, error) {
	var obj map[string]any
	dec := json.NewDecoder(in)
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil {
		return nil, fmt.Errorf("reading the object from stdin: %w", err)
	}
	if scriptPath == "" {
		p, err := scriptFor(dir, obj)
		if err != nil {
			return nil, err
		}
		scriptPath = p
	}
	src, err := os.ReadFile(scriptPath)
	if err != nil {
		return nil, err
	}
	return evaluate(string(src), obj)
}

func scriptFor(dir string, obj map[string]any) (string, error) {
	if dir == "" {
		return "", errors.New("give -dir or -script")
	}
	apiVersion, _ := obj["apiVersion"].(string)
	kind, _ := obj["kind"].(string)
	if apiVersion == "" || kind == "" {
		return "", errors.New("the object has no apiVersion or kind")
	}
	group := "_"
	if i := strings.Index(apiVersion, "/"); i >= 0 {
		group = apiVersion[:i]
	}
	return filepath.Join(dir, "resource_customizations", group, kind, "health.lua"), nil
}

func evaluate(src string, obj map[string]any) (*health, error) {
	l := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer l.Close()
	for name, open := range map[string]lua.LGFunction{
		lua.LoadLibName: lua.OpenPackage,
		lua.BaseLibName: lua.OpenBase,
		lua.TabLibName:  lua.OpenTable,
	} {
		if err := l.CallByParam(lua.P{Fn: l.NewFunction(open), Protect: true}, lua.LString(name)); err != nil {
			return nil, err
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	l.SetContext(ctx)
	l.SetGlobal("obj", toLua(l, obj))

	fn, err := l.LoadString(src)
	if err != nil {
		return nil, err
	}
	l.Push(fn)
	if err := l.PCall(0, 1, nil); err != nil {
		return nil, err
	}
	ret := l.Get(-1)
	if ret.Type() == lua.LTNil {
		return &health{}, nil
	}
	t, ok := ret.(*lua.LTable)
	if !ok {
		return nil, fmt.Errorf("the script returned a %s, not a table", ret.Type())
	}
	h := &health{Status: luaString(t.RawGetString("status")), Message: luaString(t.RawGetString("message"))}
	if h.Status == "" && h.Message == "" {
		return h, nil
	}
	if !validStatus[h.Status] {
		return &health{Status: "Unknown", Message: "Lua returned an invalid health status"}, nil
	}
	return h, nil
}

func luaString(v lua.LValue) string {
	if v == lua.LNil {
		return ""
	}
	return v.String()
}

// toLua turns decoded JSON into Lua values: objects and arrays become tables
// (arrays 1-based), numbers LNumber, null nil.
func toLua(l *lua.LState, v any) lua.LValue {
	switch x := v.(type) {
	case nil:
		return lua.LNil
	case bool:
		return lua.LBool(x)
	case string:
		return lua.LString(x)
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return lua.LString(x.String())
		}
		return lua.LNumber(f)
	case []any:
		t := l.CreateTable(len(x), 0)
		for _, e := range x {
			t.Append(toLua(l, e))
		}
		return t
	case map[string]any:
		t := l.CreateTable(0, len(x))
		for k, e := range x {
			t.RawSetString(k, toLua(l, e))
		}
		return t
	default:
		return lua.LString(fmt.Sprint(x))
	}
}
