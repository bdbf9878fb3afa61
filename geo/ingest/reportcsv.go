package ingest

import (
	"encoding/csv"
	"io"
	"strconv"
)

// WriteCSV writes the report as CSV (UTF-8 with a BOM, so that Excel and
// WPS open the Chinese text correctly), one issue per row: severity, code,
// file, line, feature index (0-based, as QGIS and GDAL show it; empty for
// whole-file issues), id, field, message. msg gives each issue's message
// in the user's language; nil uses the English Message.
func (r *Report) WriteCSV(w io.Writer, msg func(Issue) string) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"severity", "code", "file", "line", "feature_index", "id", "field", "message"})
	for _, is := range r.Issues {
		line, feat := "", ""
		if is.Line > 0 {
			line = strconv.Itoa(is.Line)
		}
		if is.Feature > 0 {
			feat = strconv.Itoa(is.Feature - 1)
		}
		m := is.Message
		if msg != nil {
			m = msg(is)
		}
		cw.Write([]string{is.Severity.String(), is.Code, is.File, line, feat, is.ID, is.Field, m})
	}
	cw.Flush()
	return cw.Error()
}
