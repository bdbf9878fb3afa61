package ingest

import "testing"

func TestGuessAddressPhone(t *testing.T) {
	for _, tc := range []struct{ prop, field string }{
		{"学校地址", FieldAddress}, {"地址", FieldAddress}, {"联系电话", FieldPhone}, {"咨询电话", FieldPhone}, {"电话", FieldPhone},
	} {
		m := GuessMapping(Schools, []string{"学校名称", tc.prop})
		if m[tc.field] != tc.prop {
			t.Errorf("%s: mapped %v", tc.prop, m)
		}
	}
}
