package export

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuequ/xuequ/model"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// dbfColumn is a .dbf column: type C or N, width and decimals.
type dbfColumn struct {
	typ        byte
	width, dec int
}

// dbfRows formats every value as the .dbf stores it (encoded text) and
// sizes the columns.
func dbfRows(path string, l *Layer, gbk bool) ([][][]byte, error) {
	rows := make([][][]byte, len(l.Features))
	for i, f := range l.Features {
		rows[i] = make([][]byte, len(l.Fields))
		for j, fd := range l.Fields {
			var v any
			if j < len(f.Values) {
				v = f.Values[j]
			}
			b, err := dbfValue(v, fd.Kind, gbk)
			if err != nil {
				return nil, &model.InputError{File: path, Feature: i + 1, Field: fd.Short,
					Msg: fmt.Sprintf("%v; export with --encoding UTF-8", err)}
			}
			rows[i][j] = b
		}
	}
	return rows, nil
}

func dbfValue(v any, k Kind, gbk bool) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case int:
		return []byte(strconv.Itoa(v)), nil
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, nil
		}
		return []byte(strconv.FormatFloat(v, 'f', 3, 64)), nil
	case string:
		if !gbk {
			return []byte(v), nil
		}
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(v))
		if err != nil {
			return nil, fmt.Errorf("%q has characters GBK cannot hold", v)
		}
		return b, nil
	}
	return []byte(fmt.Sprint(v)), nil
}

// writeDBF writes a dBase III table: C columns for text (up to 254
// bytes, cut on a character boundary), N columns for numbers.
func writeDBF(w io.Writer, l *Layer, rows [][][]byte, gbk bool) error {
	cols := make([]dbfColumn, len(l.Fields))
	for j, f := range l.Fields {
		c := dbfColumn{typ: 'C', width: 1}
		switch f.Kind {
		case Int:
			c = dbfColumn{typ: 'N', width: 1}
		case Real:
			c = dbfColumn{typ: 'N', width: 5, dec: 3}
		}
		for _, r := range rows {
			c.width = max(c.width, min(len(r[j]), 254))
		}
		cols[j] = c
	}
	recLen := 1
	for _, c := range cols {
		recLen += c.width
	}
	now := time.Now()
	h := make([]byte, 32)
	h[0] = 0x03
	h[1], h[2], h[3] = byte(now.Year()-1900), byte(now.Month()), byte(now.Day())
	binary.LittleEndian.PutUint32(h[4:], uint32(len(rows)))
	binary.LittleEndian.PutUint16(h[8:], uint16(32+32*len(cols)+1))
	binary.LittleEndian.PutUint16(h[10:], uint16(recLen))
	if gbk {
		h[29] = 0x4D // language driver: code page 936 (GBK)
	}
	for j, f := range l.Fields {
		d := make([]byte, 32)
		copy(d[:10], f.Short)
		d[11] = cols[j].typ
		d[16], d[17] = byte(cols[j].width), byte(cols[j].dec)
		h = append(h, d...)
	}
	h = append(h, 0x0D)
	if _, err := w.Write(h); err != nil {
		return err
	}
	rec := make([]byte, 0, recLen)
	for _, r := range rows {
		rec = append(rec[:0], ' ')
		for j, c := range cols {
			v := cutText(r[j], c.width, gbk)
			pad := strings.Repeat(" ", c.width-len(v))
			if c.typ == 'N' {
				rec = append(append(rec, pad...), v...)
			} else {
				rec = append(append(rec, v...), pad...)
			}
		}
		if _, err := w.Write(rec); err != nil {
			return err
		}
	}
	_, err := w.Write([]byte{0x1A})
	return err
}

// cutText cuts b to n bytes without splitting a UTF-8 or GBK character.
func cutText(b []byte, n int, gbk bool) []byte {
	if len(b) <= n {
		return b
	}
	if gbk {
		i := 0
		for i < len(b) {
			w := 1
			if b[i] >= 0x80 {
				w = 2
			}
			if i+w > n {
				break
			}
			i += w
		}
		return b[:i]
	}
	for n > 0 && !utf8.RuneStart(b[n]) {
		n--
	}
	return b[:n]
}
