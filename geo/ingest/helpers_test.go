package ingest

import (
	"encoding/json"
	"strconv"
	"testing"
)

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func equalJSON(t *testing.T, a, b any) bool {
	t.Helper()
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}
