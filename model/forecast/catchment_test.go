package forecast

import "testing"

func TestWholeShares(t *testing.T) {
	for _, x := range [][]float64{{1.5, 1.5, 2}, {0.2, 0.3, 0.5}, {10, 20.0000000001, 29.9999999999}, {}} {
		got := wholeShares(x)
		sum, want := 0, 0.0
		for i, v := range got {
			sum += v
			want += x[i]
			if d := float64(v) - x[i]; d <= -1 || d >= 1 {
				t.Errorf("%v → %v", x, got)
			}
		}
		if float64(sum) != float64(int(want+0.5)) {
			t.Errorf("%v → %v: sum %d", x, got, sum)
		}
	}
}
