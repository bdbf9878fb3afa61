package store

import (
	"fmt"
	"sync/atomic"
)

// saveCacheKiB is the SQLite page cache of a save, in KiB. The default
// 64 MB keeps a 100k-zone save from spilling (6.3 s; 11 s with 8 MB); a
// one-shot `xuequ import`, held to a memory bound, trades that for
// memory with SetSaveCache.
var saveCacheKiB atomic.Int64

func init() { saveCacheKiB.Store(64 << 10) }

// SetSaveCache sets the page cache of later saves to n bytes and returns
// a function that puts back the one before.
func SetSaveCache(n int64) (restore func()) {
	old := saveCacheKiB.Swap(max(n>>10, 1024))
	return func() { saveCacheKiB.Store(old) }
}

// cachePragma is the cache_size connection parameter of a save.
func cachePragma() string { return fmt.Sprintf("cache_size(-%d)", saveCacheKiB.Load()) }
