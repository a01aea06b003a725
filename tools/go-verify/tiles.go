package main

// go-verify tiles: reads a log served as C2SP tlog-tiles (https://c2sp.org/tlog-tiles) with
// the Go team's golang.org/x/mod/sumdb/tlog tile code — TileHashReader authenticates every tile
// against the signed checkpoint's root, TreeHash recomputes that root, ProveRecord/ProveTree
// build proofs from tiles and CheckRecord/CheckTree verify them — through an adapter from x/mod's
// tile paths (tile/<H>/<L>/<N>, tile/<H>/data/<N>) to C2SP's (tile/<L>/<N>, tile/entries/<N>,
// height 8). Entry bundles are parsed from the spec (uint16 big-endian length prefixes).

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// tileHeight is fixed by C2SP tlog-tiles: 256 hashes a tile.
const tileHeight = 8

// c2spTilePath turns an x/mod tile into its C2SP path. x/mod writes tile/<H>/<L>/<N>[.p/<W>]
// with the same N encoding (x001/x234/067) and .p/<W> suffix; C2SP drops the height (always 8)
// and calls the data level "entries".
func c2spTilePath(t tlog.Tile) (string, error) {
	if t.H != tileHeight {
		return "", fmt.Errorf("C2SP tiles have height %d, not %d", tileHeight, t.H)
	}
	rest := strings.TrimPrefix(t.Path(), fmt.Sprintf("tile/%d/", t.H))
	if strings.HasPrefix(rest, "data/") {
		rest = "entries/" + strings.TrimPrefix(rest, "data/")
	}
	return "tile/" + rest, nil
}

// tileSource fetches C2SP paths below a log's prefix: an http(s) URL or a directory.
type tileSource struct {
	prefix string
	client *http.Client
	mu     sync.Mutex
	cache  map[string][]byte
	// fetches counts what was fetched (not served from the cache), for the report.
	fetches int
}

func newTileSource(prefix string) *tileSource {
	return &tileSource{prefix: prefix, client: &http.Client{Timeout: 60 * time.Second}, cache: map[string][]byte{}}
}

func (s *tileSource) isHTTP() bool {
	return strings.HasPrefix(s.prefix, "http://") || strings.HasPrefix(s.prefix, "https://")
}

func (s *tileSource) get(path string) ([]byte, error) {
	s.mu.Lock()
	data, ok := s.cache[path]
	s.mu.Unlock()
	if ok {
		return data, nil
	}
	var err error
	if s.isHTTP() {
		data, err = s.getHTTP(strings.TrimSuffix(s.prefix, "/") + "/" + path)
	} else {
		data, err = os.ReadFile(filepath.Join(s.prefix, filepath.FromSlash(path)))
	}
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.cache[path] = data
	s.fetches++
	s.mu.Unlock()
	return data, nil
}

func (s *tileSource) getHTTP(url string) ([]byte, error) {
	resp, err := s.client.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return body, nil
}

// Height, ReadTiles and SaveTiles make tileSource an x/mod tlog.TileReader.
func (s *tileSource) Height() int { return tileHeight }

func (s *tileSource) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		path, err := c2spTilePath(t)
		if err != nil {
			return nil, err
		}
		if out[i], err = s.get(path); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// SaveTiles is where a caching client would persist tiles TileHashReader has authenticated.
func (s *tileSource) SaveTiles([]tlog.Tile, [][]byte) {}

// parseEntryBundle splits a C2SP entry bundle: each entry after its uint16 big-endian length.
func parseEntryBundle(data []byte, count int) ([][]byte, error) {
	var entries [][]byte
	for len(data) > 0 {
		if len(data) < 2 {
			return nil, errors.New("an entry's length is cut off")
		}
		n := int(data[0])<<8 | int(data[1])
		if len(data) < 2+n {
			return nil, fmt.Errorf("entry %d claims %d bytes; the bundle ends before", len(entries), n)
		}
		entries = append(entries, data[2:2+n])
		data = data[2+n:]
	}
	if len(entries) != count {
		return nil, fmt.Errorf("the bundle has %d entries, expected %d", len(entries), count)
	}
	return entries, nil
}

// bundleTile is the entry bundle holding leaf `index` in a tree of `size`: C2SP's level-0 tile
// coordinates with x/mod's data level (L = -1).
func bundleTile(index, size int64) tlog.Tile {
	n := index >> tileHeight
	w := 1 << tileHeight
	if (n+1)<<tileHeight > size {
		w = int(size - n<<tileHeight)
	}
	return tlog.Tile{H: tileHeight, L: -1, N: n, W: w}
}

// readEntry fetches leaf `index` from its entry bundle.
func readEntry(src *tileSource, index, size int64) ([]byte, string, error) {
	t := bundleTile(index, size)
	path, err := c2spTilePath(t)
	if err != nil {
		return nil, "", err
	}
	data, err := src.get(path)
	if err != nil {
		return nil, path, err
	}
	entries, err := parseEntryBundle(data, t.W)
	if err != nil {
		return nil, path, fmt.Errorf("%s: %v", path, err)
	}
	return entries[index-t.N<<tileHeight], path, nil
}

type tilesOptions struct {
	leaves        []int64
	oldCheckpoint string
	allEntries    bool
}

func verifyTiles(c checker, prefix string, verifier note.Verifier, wantOrigin string, opts tilesOptions) error {
	src := newTileSource(prefix)
	msg, err := src.get("checkpoint")
	if err != nil {
		return fail("read checkpoint", err)
	}
	cp, err := openCheckpoint(c, "", msg, verifier, wantOrigin)
	if err != nil {
		return err
	}
	if cp.size == 0 {
		c.ok("empty tree: no tiles to read")
		return nil
	}
	tree := tlog.Tree{N: cp.size, Hash: cp.root}
	hashes := tlog.TileHashReader(tree, src)

	check := fmt.Sprintf("root of tree %d from tiles", cp.size)
	root, err := tlog.TreeHash(cp.size, hashes)
	if err != nil {
		return fail(check, err)
	}
	if root != cp.root {
		return fail(check, fmt.Errorf("tiles give %v, the checkpoint says %v", root, cp.root))
	}
	c.ok("%s (tlog.TreeHash over tlog.TileHashReader, %d tiles fetched)", check, src.fetches)

	leaves := opts.leaves
	if len(leaves) == 0 {
		leaves = []int64{0, cp.size / 2, cp.size - 1}
	}
	for _, index := range leaves {
		check := fmt.Sprintf("inclusion of leaf %d in tree of %d from tiles", index, cp.size)
		if index < 0 || index >= cp.size {
			return fail(check, errors.New("leaf index is not below the tree size"))
		}
		entry, path, err := readEntry(src, index, cp.size)
		if err != nil {
			return fail(check, err)
		}
		proof, err := tlog.ProveRecord(cp.size, index, hashes)
		if err != nil {
			return fail(check, err)
		}
		leafHash := tlog.RecordHash(entry)
		if err := tlog.CheckRecord(proof, cp.size, cp.root, index, leafHash); err != nil {
			return fail(check, fmt.Errorf("entry from %s: %v", path, err))
		}
		c.ok("%s (entry from %s, leaf hash %s)", check, path, leafHash)
	}

	if opts.allEntries {
		check := "every entry bundle against its level-0 tile"
		for n := int64(0); n<<tileHeight < cp.size; n++ {
			t := bundleTile(n<<tileHeight, cp.size)
			path, _ := c2spTilePath(t)
			data, err := src.get(path)
			if err != nil {
				return fail(check, err)
			}
			entries, err := parseEntryBundle(data, t.W)
			if err != nil {
				return fail(check, fmt.Errorf("%s: %v", path, err))
			}
			indexes := make([]int64, len(entries))
			for i := range entries {
				indexes[i] = tlog.StoredHashIndex(0, n<<tileHeight+int64(i))
			}
			want, err := hashes.ReadHashes(indexes)
			if err != nil {
				return fail(check, err)
			}
			for i, entry := range entries {
				if tlog.RecordHash(entry) != want[i] {
					return fail(check, fmt.Errorf("entry %d of %s does not hash to leaf %d", i, path, n<<tileHeight+int64(i)))
				}
			}
		}
		c.ok("%s (%d entries)", check, cp.size)
	}

	if opts.oldCheckpoint != "" {
		msg, err := os.ReadFile(opts.oldCheckpoint)
		if err != nil {
			return fail("read old checkpoint", err)
		}
		old, err := openCheckpoint(c, "old ", msg, verifier, wantOrigin)
		if err != nil {
			return err
		}
		check := fmt.Sprintf("consistency of tree %d with tree %d from tiles", old.size, cp.size)
		if old.size < 1 || old.size > cp.size {
			return fail(check, errors.New("needs 0 < old size <= new size"))
		}
		proof, err := tlog.ProveTree(cp.size, old.size, hashes)
		if err != nil {
			return fail(check, err)
		}
		if err := tlog.CheckTree(proof, cp.size, cp.root, old.size, old.root); err != nil {
			return fail(check, err)
		}
		c.ok("%s (tlog.ProveTree, tlog.CheckTree)", check)
	}
	return nil
}
