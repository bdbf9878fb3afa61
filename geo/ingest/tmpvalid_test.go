package ingest
import "github.com/paulmach/orb"
func validate(orb.MultiPolygon) error { return nil }
