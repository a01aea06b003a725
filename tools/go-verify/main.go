// Command go-verify checks Verity's deposit receipts and consistency proofs with the Go team's
// golang.org/x/mod/sumdb/note (signed notes, Ed25519) and golang.org/x/mod/sumdb/tlog (RFC 6962
// hashing and proofs): an implementation that shares no code with Verity's lib/tlog. If a
// receipt passes here, any client holding the log's verifier key can check it without Verity.
//
// Usage:
//
//	go-verify receipt <receipt.json> --vkey <verifier key> [--origin <origin>]
//	go-verify consistency <old-checkpoint> <new-checkpoint> <proof.json> --vkey <verifier key> [--origin <origin>]
//	go-verify tiles <log prefix URL or directory> --vkey <verifier key> [--origin <origin>]
//	          [--leaf <index>]... [--old <old-checkpoint>] [--all-entries]
//
// It prints one line per check and exits 0 when all pass, 1 on the first failure (with the
// reason), 2 on a usage error (bad arguments or a malformed --vkey).
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

const usage = `usage:
  go-verify receipt <receipt.json> --vkey <verifier key> [--origin <origin>]
  go-verify consistency <old-checkpoint> <new-checkpoint> <proof.json> --vkey <verifier key> [--origin <origin>]
  go-verify tiles <log prefix URL or directory> --vkey <verifier key> [--origin <origin>]
            [--leaf <index>]... [--old <old-checkpoint>] [--all-entries]`

// b64 is strict standard base64: Verity writes canonical padded base64, so anything else
// (non-zero padding bits, missing padding) is refused rather than silently normalised.
var b64 = base64.StdEncoding.Strict()

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// usageError marks a problem with the command line (exit 2) rather than with the evidence (exit 1).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// checker prints one line per check and stops at the first failure.
type checker struct {
	out io.Writer
}

func (c checker) ok(format string, args ...any) {
	fmt.Fprintf(c.out, "ok  "+format+"\n", args...)
}

// failure is a failed check: what was being checked and why it failed.
type failure struct {
	check string
	err   error
}

func (f failure) Error() string { return f.check + ": " + f.err.Error() }

func fail(check string, err error) error { return failure{check, err} }

func run(args []string, stdout, stderr io.Writer) int {
	err := dispatch(args, checker{stdout})
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "go-verify: %s\n%s\n", ue.msg, usage)
		return 2
	default:
		fmt.Fprintf(stdout, "FAIL %s\n", err)
		return 1
	}
}

func dispatch(args []string, c checker) error {
	if len(args) == 0 {
		return usageError{"missing mode"}
	}
	mode := args[0]
	positional, f, err := parseFlags(args[1:])
	if err != nil {
		return err
	}
	vkey, origin := f.vkey, f.origin
	want := map[string]int{"receipt": 1, "consistency": 3, "tiles": 1}[mode]
	if want == 0 {
		return usageError{fmt.Sprintf("unknown mode %q", mode)}
	}
	if len(positional) != want {
		return usageError{fmt.Sprintf("%s takes %d file argument(s), got %d", mode, want, len(positional))}
	}
	if vkey == "" {
		return usageError{"--vkey is required"}
	}
	verifier, err := note.NewVerifier(vkey)
	if err != nil {
		return usageError{fmt.Sprintf("--vkey: %v", err)}
	}
	if mode != "tiles" && (len(f.tiles.leaves) > 0 || f.tiles.oldCheckpoint != "" || f.tiles.allEntries) {
		return usageError{"--leaf, --old and --all-entries are for tiles"}
	}
	if mode == "receipt" {
		return verifyReceipt(c, positional[0], verifier, origin)
	}
	if mode == "tiles" {
		return verifyTiles(c, positional[0], verifier, origin, f.tiles)
	}
	return verifyConsistency(c, positional[0], positional[1], positional[2], verifier, origin)
}

type flags struct {
	vkey, origin string
	tiles        tilesOptions
}

// parseFlags accepts the flags anywhere (as "--flag value" or "--flag=value"), because the
// standard flag package stops at the first positional argument and the usage puts files first.
func parseFlags(args []string) (positional []string, f flags, err error) {
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if !strings.HasPrefix(arg, "-") {
			positional = append(positional, arg)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if name == "all-entries" && !hasValue {
			f.tiles.allEntries = true
			continue
		}
		if !hasValue {
			if i+1 >= len(args) {
				return nil, f, usageError{fmt.Sprintf("%s needs a value", arg)}
			}
			i++
			value = args[i]
		}
		switch name {
		case "vkey":
			f.vkey = value
		case "origin":
			f.origin = value
			if f.origin == "" {
				return nil, f, usageError{"--origin must not be empty"}
			}
		case "leaf":
			n, perr := parseSize(value)
			if perr != nil {
				return nil, f, usageError{fmt.Sprintf("--leaf: %v", perr)}
			}
			f.tiles.leaves = append(f.tiles.leaves, n)
		case "old":
			f.tiles.oldCheckpoint = value
		case "all-entries":
			f.tiles.allEntries = value == "true"
		default:
			return nil, f, usageError{fmt.Sprintf("unknown flag %s", arg)}
		}
	}
	return positional, f, nil
}

// checkpoint is a C2SP tlog-checkpoint body (c2sp.org/tlog-checkpoint).
type checkpoint struct {
	origin string
	size   int64
	root   tlog.Hash
}

// openCheckpoint verifies the signed note with the one trusted key, then parses its body.
// tlog.ParseTree cannot be used for the body: it only accepts the Go checksum database's fixed
// origin line ("go.sum database tree"), so the three C2SP lines are parsed here, as strictly.
func openCheckpoint(c checker, label string, msg []byte, verifier note.Verifier, wantOrigin string) (checkpoint, error) {
	keyName := fmt.Sprintf("%s+%08x", verifier.Name(), verifier.KeyHash())
	// note.Open checks the signature of every line by a known key (here only ours) and ignores
	// other keys (e.g. witness cosignatures); it fails if our key did not sign or signed badly.
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		return checkpoint{}, fail(fmt.Sprintf("%snote signature (%s)", label, keyName), err)
	}
	c.ok("%snote signature (%s)", label, keyName)

	check := label + "checkpoint body"
	// note.Open guarantees Text ends in "\n" and holds no control characters but newlines.
	lines := strings.Split(strings.TrimSuffix(n.Text, "\n"), "\n")
	if len(lines) < 3 {
		return checkpoint{}, fail(check, fmt.Errorf("need origin, size and root hash lines, got %d line(s)", len(lines)))
	}
	for i, line := range lines {
		// Extension lines after the root are allowed by C2SP and ignored, but none may be empty.
		if line == "" {
			return checkpoint{}, fail(check, fmt.Errorf("line %d is empty", i+1))
		}
	}
	cp := checkpoint{origin: lines[0]}
	// The log is trusted only for its own checkpoints: the signing key must be named like the
	// origin, otherwise a key for log A could vouch for a checkpoint claiming to be log B.
	if cp.origin != verifier.Name() {
		return checkpoint{}, fail(check, fmt.Errorf("origin %q is not the verifier key's name %q", cp.origin, verifier.Name()))
	}
	if wantOrigin != "" && cp.origin != wantOrigin {
		return checkpoint{}, fail(check, fmt.Errorf("origin %q, expected %q", cp.origin, wantOrigin))
	}
	if cp.size, err = parseSize(lines[1]); err != nil {
		return checkpoint{}, fail(check, fmt.Errorf("tree size: %v", err))
	}
	root, err := b64.DecodeString(lines[2])
	if err != nil || len(root) != tlog.HashSize {
		return checkpoint{}, fail(check, fmt.Errorf("root hash is not base64 of %d bytes", tlog.HashSize))
	}
	copy(cp.root[:], root)
	c.ok("%scheckpoint %s, size %d, root %s", label, cp.origin, cp.size, cp.root)
	return cp, nil
}

// parseSize parses a canonical decimal (no sign, no leading zeros) that fits tlog's int64.
func parseSize(s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || s != strconv.FormatInt(n, 10) {
		return 0, fmt.Errorf("%q is not a canonical non-negative decimal below 2^63", s)
	}
	return n, nil
}

// parseHashes decodes a list of base64 hashes (inclusion or consistency proof).
func parseHashes(list []string) ([]tlog.Hash, error) {
	hashes := make([]tlog.Hash, len(list))
	for i, s := range list {
		h, err := b64.DecodeString(s)
		if err != nil || len(h) != tlog.HashSize {
			return nil, fmt.Errorf("proof hash %d is not base64 of %d bytes", i, tlog.HashSize)
		}
		copy(hashes[i][:], h)
	}
	return hashes, nil
}

// decodeJSON reads a JSON object; unknown fields are allowed (receipts carry many more).
func decodeJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("trailing data after the JSON object")
	}
	return nil
}

// receipt holds the fields of a Verity deposit receipt that this tool checks. Pointers and
// RawMessage distinguish "missing" from "zero"; an empty inclusion proof is valid (tree of 1).
type receipt struct {
	LeafIndex      json.RawMessage `json:"leafIndex"`
	Leaf           *string         `json:"leaf"`
	Checkpoint     *string         `json:"checkpoint"`
	InclusionProof *[]string       `json:"inclusionProof"`
}

func verifyReceipt(c checker, path string, verifier note.Verifier, wantOrigin string) error {
	var r receipt
	if err := decodeJSON(path, &r); err != nil {
		return fail("read receipt", err)
	}
	if r.LeafIndex == nil || r.Leaf == nil || r.Checkpoint == nil || r.InclusionProof == nil {
		return fail("read receipt", errors.New("needs leafIndex, leaf, checkpoint and inclusionProof"))
	}
	// A JSON number written as a plain integer, e.g. 41 (not "41", 41.0 or 4.1e1).
	index, err := parseSize(string(r.LeafIndex))
	if err != nil {
		return fail("read receipt", fmt.Errorf("leafIndex: %v", err))
	}
	leaf, err := b64.DecodeString(*r.Leaf)
	if err != nil {
		return fail("read receipt", errors.New("leaf is not standard base64"))
	}
	proof, err := parseHashes(*r.InclusionProof)
	if err != nil {
		return fail("read receipt", fmt.Errorf("inclusionProof: %v", err))
	}

	cp, err := openCheckpoint(c, "", []byte(*r.Checkpoint), verifier, wantOrigin)
	if err != nil {
		return err
	}

	check := fmt.Sprintf("inclusion of leaf %d in tree of %d", index, cp.size)
	if index >= cp.size {
		return fail(check, errors.New("leaf index is not below the tree size"))
	}
	// RecordHash is RFC 6962's leaf hash, SHA-256(0x00 || leaf); CheckRecord folds the audit
	// path (leaf's sibling first, as RFC 6962 PATH and lib/tlog emit it) up to the root.
	leafHash := tlog.RecordHash(leaf)
	if err := tlog.CheckRecord(proof, cp.size, cp.root, index, leafHash); err != nil {
		return fail(check, err)
	}
	c.ok("%s (leaf hash %s)", check, leafHash)
	return nil
}

// consistencyProof is the GET /api/v1/log/consistency response.
type consistencyProof struct {
	From  json.RawMessage `json:"from"`
	To    json.RawMessage `json:"to"`
	Proof *[]string       `json:"proof"`
}

func verifyConsistency(c checker, oldPath, newPath, proofPath string, verifier note.Verifier, wantOrigin string) error {
	oldNote, err := os.ReadFile(oldPath)
	if err != nil {
		return fail("read old checkpoint", err)
	}
	newNote, err := os.ReadFile(newPath)
	if err != nil {
		return fail("read new checkpoint", err)
	}
	var p consistencyProof
	if err := decodeJSON(proofPath, &p); err != nil {
		return fail("read consistency proof", err)
	}
	if p.From == nil || p.To == nil || p.Proof == nil {
		return fail("read consistency proof", errors.New("needs from, to and proof"))
	}
	from, err := parseSize(string(p.From))
	if err != nil {
		return fail("read consistency proof", fmt.Errorf("from: %v", err))
	}
	to, err := parseSize(string(p.To))
	if err != nil {
		return fail("read consistency proof", fmt.Errorf("to: %v", err))
	}
	proof, err := parseHashes(*p.Proof)
	if err != nil {
		return fail("read consistency proof", err)
	}

	oldCp, err := openCheckpoint(c, "old ", oldNote, verifier, wantOrigin)
	if err != nil {
		return err
	}
	newCp, err := openCheckpoint(c, "new ", newNote, verifier, wantOrigin)
	if err != nil {
		return err
	}

	// The proof only means something for the two trees the checkpoints commit to.
	check := fmt.Sprintf("consistency of tree %d with tree %d", oldCp.size, newCp.size)
	if from != oldCp.size || to != newCp.size {
		return fail(check, fmt.Errorf("proof is from %d to %d, checkpoints are sizes %d and %d", from, to, oldCp.size, newCp.size))
	}
	// Like lib/tlog, a proof from the empty tree is refused: it proves nothing (CheckTree too).
	if from < 1 || from > to {
		return fail(check, errors.New("needs 0 < old size <= new size"))
	}
	// CheckTree recomputes both roots from the proof (RFC 6962 SUBPROOF order) and compares.
	if err := tlog.CheckTree(proof, to, newCp.root, from, oldCp.root); err != nil {
		return fail(check, err)
	}
	c.ok("%s", check)
	return nil
}
