package ingest

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Encoding names as reported.
const (
	EncUTF8    = "UTF-8"
	EncUTF8BOM = "UTF-8 with BOM"
	EncGB18030 = "GB18030"
)

// decodeText returns data as UTF-8: a UTF-8 BOM is stripped; text that is
// not valid UTF-8 is decoded as GB18030 (a superset of GBK and GB2312, the
// encodings Chinese Excel and ArcGIS write). UTF-16 is not handled.
func decodeText(data []byte) ([]byte, string, error) {
	if bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) {
		return data[3:], EncUTF8BOM, nil
	}
	if utf8.Valid(data) {
		return data, EncUTF8, nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return nil, "", err
	}
	return out, EncGB18030, nil
}

// noteEncoding adds the report line for a non-plain encoding.
func noteEncoding(rep *Report, file, enc string) {
	switch enc {
	case EncGB18030:
		rep.add(Issue{Severity: Info, Code: CodeEncodingGBK, File: file, Args: map[string]any{},
			Message: "file is not UTF-8; decoded it as GBK/GB18030 (check that Chinese names read correctly)"})
	case EncUTF8BOM:
		rep.add(Issue{Severity: Info, Code: CodeBOM, File: file, Args: map[string]any{}, Message: "UTF-8 byte-order mark ignored"})
	}
}
