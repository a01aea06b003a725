package main

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func TestC2SPTilePath(t *testing.T) {
	cases := []struct {
		tile tlog.Tile
		want string
	}{
		{tlog.Tile{H: 8, L: 0, N: 1234067, W: 256}, "tile/0/x001/x234/067"},
		{tlog.Tile{H: 8, L: 0, N: 0, W: 256}, "tile/0/000"},
		{tlog.Tile{H: 8, L: 1, N: 0, W: 17}, "tile/1/000.p/17"},
		{tlog.Tile{H: 8, L: 2, N: 1000, W: 1}, "tile/2/x001/000.p/1"},
		{tlog.Tile{H: 8, L: -1, N: 273, W: 112}, "tile/entries/273.p/112"},
		{tlog.Tile{H: 8, L: -1, N: 5, W: 256}, "tile/entries/005"},
	}
	for _, c := range cases {
		got, err := c2spTilePath(c.tile)
		if err != nil || got != c.want {
			t.Errorf("c2spTilePath(%+v) = %q, %v; want %q", c.tile, got, err, c.want)
		}
	}
	if _, err := c2spTilePath(tlog.Tile{H: 2, L: 0, N: 0, W: 4}); err == nil {
		t.Error("a tile of height 2 has no C2SP path")
	}
}

// writeLog writes a log of n random entries as C2SP tiles, bundles and a signed checkpoint into
// dir, with x/mod's own tile writer (tlog.StoredHashes, tlog.NewTiles, tlog.ReadTileData).
func writeLog(t *testing.T, dir string, n int64, signer note.Signer) [][]byte {
	t.Helper()
	var stored []tlog.Hash
	var entries [][]byte
	hashReader := tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(indexes))
		for i, x := range indexes {
			out[i] = stored[x]
		}
		return out, nil
	})
	for i := int64(0); i < n; i++ {
		entry := make([]byte, 1+i%50)
		rand.Read(entry)
		entries = append(entries, entry)
		hashes, err := tlog.StoredHashes(i, entry, hashReader)
		if err != nil {
			t.Fatal(err)
		}
		stored = append(stored, hashes...)
	}
	write := func(path string, data []byte) {
		full := filepath.Join(dir, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tile := range tlog.NewTiles(tileHeight, 0, n) {
		data, err := tlog.ReadTileData(tile, hashReader)
		if err != nil {
			t.Fatal(err)
		}
		path, _ := c2spTilePath(tile)
		write(path, data)
		if tile.L == 0 {
			var bundle bytes.Buffer
			for _, e := range entries[tile.N<<tileHeight : tile.N<<tileHeight+int64(tile.W)] {
				bundle.Write([]byte{byte(len(e) >> 8), byte(len(e))})
				bundle.Write(e)
			}
			path, _ := c2spTilePath(tlog.Tile{H: tileHeight, L: -1, N: tile.N, W: tile.W})
			write(path, bundle.Bytes())
		}
	}
	root, err := tlog.TreeHash(n, hashReader)
	if err != nil {
		t.Fatal(err)
	}
	body := fmt.Sprintf("%s\n%d\n%s\n", signer.Name(), n, base64.StdEncoding.EncodeToString(root[:]))
	msg, err := note.Sign(&note.Note{Text: body}, signer)
	if err != nil {
		t.Fatal(err)
	}
	write("checkpoint", msg)
	return entries
}

func TestVerifyTilesFromDirectory(t *testing.T) {
	skey, vkey, err := note.GenerateKey(rand.Reader, "verity.test/go-tiles")
	if err != nil {
		t.Fatal(err)
	}
	signer, _ := note.NewSigner(skey)
	verifier, _ := note.NewVerifier(vkey)
	for _, n := range []int64{1, 255, 256, 257, 1000} {
		dir := t.TempDir()
		writeLog(t, dir, n, signer)
		var out strings.Builder
		opts := tilesOptions{allEntries: true, leaves: []int64{0, n - 1}}
		if err := verifyTiles(checker{&out}, dir, verifier, "", opts); err != nil {
			t.Fatalf("size %d: %v\n%s", n, err, out.String())
		}

		// A flipped bit in a level-0 tile (or the edge tile) is caught.
		tile := filepath.Join(dir, "tile", "0", "000")
		if n < 256 {
			tile += fmt.Sprintf(".p/%d", n)
		}
		data, _ := os.ReadFile(tile)
		data[5] ^= 1
		os.WriteFile(tile, data, 0o644)
		if err := verifyTiles(checker{&out}, dir, verifier, "", opts); err == nil {
			t.Fatalf("size %d: a tampered tile passed", n)
		}
	}
}
