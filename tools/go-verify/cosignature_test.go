// Cosignatures (c2sp.org/tlog-cosignature, Ed25519 "cosignature/v1") checked and made from the
// spec text with Go's standard library alone (crypto/ed25519, crypto/sha256): an implementation
// that shares nothing with Verity's TypeScript (lib/tlog/cosignature.ts, lib/witness).
//
//   - TestTypeScriptCosignatures verifies testdata/ts-cosignatures.json, cosigned notes made by
//     lib/tlog (lib/tlog/cosignature-vectors.test.ts checks the file is what lib/tlog makes);
//   - TestWitnessFixture verifies the cosignatures a running `verity witness` returned, when the
//     vitest test tools/go-verify/witness-cosignatures.test.ts names its fixture file in
//     VERITY_WITNESS_FIXTURE (skipped otherwise);
//   - TestGoCosignatureVector makes a cosignature here and compares it with
//     testdata/go-cosignature.json, which lib/tlog's test then checks (the other direction).
//     `go test -run TestGoCosignatureVector -update` rewrites the file.
package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/go-cosignature.json")

// Ed25519 cosignature key type (tlog-cosignature "Format").
const cosignatureEd25519Type = 0x04

type cosignerKey struct {
	name  string
	keyID uint32
	pub   ed25519.PublicKey
}

// keyID is SHA-256(name || "\n" || 0x04 || 32-byte public key)[:4], big-endian.
func keyID(name string, pub []byte) uint32 {
	h := sha256.New()
	h.Write([]byte(name))
	h.Write([]byte{'\n', cosignatureEd25519Type})
	h.Write(pub)
	return binary.BigEndian.Uint32(h.Sum(nil)[:4])
}

// parseCosignerKey reads "<name>+<hex key ID>+<base64(0x04 || key)>" and checks the key ID.
func parseCosignerKey(vkey string) (cosignerKey, error) {
	parts := strings.SplitN(vkey, "+", 3)
	if len(parts) != 3 || parts[0] == "" {
		return cosignerKey{}, errors.New("verifier key is not <name>+<hex>+<base64>")
	}
	id, err := strconv.ParseUint(parts[1], 16, 32)
	if err != nil || len(parts[1]) != 8 {
		return cosignerKey{}, errors.New("key ID is not 8 hex digits")
	}
	raw, err := b64.DecodeString(parts[2])
	if err != nil {
		return cosignerKey{}, fmt.Errorf("key data: %v", err)
	}
	if len(raw) != 1+ed25519.PublicKeySize || raw[0] != cosignatureEd25519Type {
		return cosignerKey{}, errors.New("not an Ed25519 cosigner key (type 0x04, 32 bytes)")
	}
	pub := ed25519.PublicKey(raw[1:])
	if got := keyID(parts[0], pub); got != uint32(id) {
		return cosignerKey{}, fmt.Errorf("key ID %08x does not match the key (%08x)", id, got)
	}
	return cosignerKey{name: parts[0], keyID: uint32(id), pub: pub}, nil
}

// cosignedMessage is "cosignature/v1\ntime <t>\n" followed by the whole checkpoint body.
func cosignedMessage(body string, timestamp uint64) []byte {
	return []byte(fmt.Sprintf("cosignature/v1\ntime %d\n%s", timestamp, body))
}

// splitNote returns the note text (with its final newline) and its signature lines.
func splitNote(note string) (string, []string, error) {
	i := strings.LastIndex(note, "\n\n")
	if i < 0 || !strings.HasSuffix(note, "\n") {
		return "", nil, errors.New("not a signed note")
	}
	return note[:i+1], strings.Split(strings.TrimSuffix(note[i+2:], "\n"), "\n"), nil
}

// verifyCosigned checks every line by key in the note and returns the timestamps; it fails when
// there is none or when one does not verify.
func verifyCosigned(note string, key cosignerKey) ([]uint64, error) {
	body, lines, err := splitNote(note)
	if err != nil {
		return nil, err
	}
	var times []uint64
	for _, line := range lines {
		if !strings.HasPrefix(line, "\u2014 ") {
			return nil, fmt.Errorf("signature line %q does not start with an em dash", line)
		}
		name, sig64, ok := strings.Cut(strings.TrimPrefix(line, "\u2014 "), " ")
		if !ok || name != key.name {
			continue
		}
		raw, err := b64.DecodeString(sig64)
		if err != nil || len(raw) < 4 || binary.BigEndian.Uint32(raw) != key.keyID {
			continue
		}
		if len(raw) != 4+8+ed25519.SignatureSize {
			return nil, fmt.Errorf("cosignature is %d bytes, want 76", len(raw))
		}
		t := binary.BigEndian.Uint64(raw[4:12])
		if t > 1<<63-1 {
			return nil, errors.New("timestamp above 2^63-1")
		}
		if !ed25519.Verify(key.pub, cosignedMessage(body, t), raw[12:]) {
			return nil, fmt.Errorf("cosignature by %s at time %d does not verify", key.name, t)
		}
		times = append(times, t)
	}
	if len(times) == 0 {
		return nil, fmt.Errorf("no cosignature by %s+%08x", key.name, key.keyID)
	}
	return times, nil
}

type fixtureCase struct {
	Description string `json:"description"`
	VerifierKey string `json:"verifierKey"`
	Note        string `json:"note"`
	Valid       bool   `json:"valid"`
}

type fixture struct {
	Cases []fixtureCase `json:"cases"`
}

func checkFixture(t *testing.T, file string) {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var f fixture
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Cases) == 0 {
		t.Fatal("no cases")
	}
	valid := 0
	for _, c := range f.Cases {
		key, err := parseCosignerKey(c.VerifierKey)
		if err == nil {
			_, err = verifyCosigned(c.Note, key)
		}
		if c.Valid && err != nil {
			t.Errorf("%s: want valid, got %v", c.Description, err)
		}
		if !c.Valid && err == nil {
			t.Errorf("%s: want refused, but it verified", c.Description)
		}
		if c.Valid {
			valid++
		}
	}
	if valid == 0 {
		t.Error("no valid case")
	}
	t.Logf("%d cases, %d valid", len(f.Cases), valid)
}

func TestTypeScriptCosignatures(t *testing.T) {
	checkFixture(t, "testdata/ts-cosignatures.json")
}

func TestWitnessFixture(t *testing.T) {
	file := os.Getenv("VERITY_WITNESS_FIXTURE")
	if file == "" {
		t.Skip("VERITY_WITNESS_FIXTURE not set (tools/go-verify/witness-cosignatures.test.ts sets it)")
	}
	checkFixture(t, file)
}

// goVector is a cosignature made here for lib/tlog to check.
type goVector struct {
	Comment      string `json:"comment"`
	Name         string `json:"name"`
	SeedHex      string `json:"seedHex"`
	PublicKeyHex string `json:"publicKeyHex"`
	KeyIDHex     string `json:"keyIdHex"`
	VerifierKey  string `json:"verifierKey"`
	Timestamp    uint64 `json:"timestamp"`
	Checkpoint   string `json:"checkpoint"`
	Message      string `json:"message"`
	Cosignature  string `json:"cosignature"`
	CosignedNote string `json:"cosignedNote"`
}

func makeGoVector() goVector {
	seed := sha256.Sum256([]byte("verity go-verify cosignature vector"))
	priv := ed25519.NewKeyFromSeed(seed[:])
	pub := priv.Public().(ed25519.PublicKey)
	name := "witness.example/go-stdlib"
	id := keyID(name, pub)
	// The checkpoint body of the spec's example (tlog-cosignature, "Format").
	body := "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
	var ts uint64 = 1679315147
	msg := cosignedMessage(body, ts)
	sig := ed25519.Sign(priv, msg)
	raw := make([]byte, 0, 76)
	raw = binary.BigEndian.AppendUint32(raw, id)
	raw = binary.BigEndian.AppendUint64(raw, ts)
	raw = append(raw, sig...)
	line := "\u2014 " + name + " " + base64.StdEncoding.EncodeToString(raw) + "\n"
	return goVector{
		Comment:      "made by tools/go-verify/cosignature_test.go with crypto/ed25519; checked by lib/tlog/cosignature-vectors.test.ts",
		Name:         name,
		SeedHex:      hex.EncodeToString(seed[:]),
		PublicKeyHex: hex.EncodeToString(pub),
		KeyIDHex:     fmt.Sprintf("%08x", id),
		VerifierKey:  fmt.Sprintf("%s+%08x+%s", name, id, base64.StdEncoding.EncodeToString(append([]byte{cosignatureEd25519Type}, pub...))),
		Timestamp:    ts,
		Checkpoint:   body,
		Message:      string(msg),
		Cosignature:  line,
		CosignedNote: body + "\n" + line,
	}
}

func TestGoCosignatureVector(t *testing.T) {
	v := makeGoVector()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	const file = "testdata/go-cosignature.json"
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is not what Go makes; run go test -run TestGoCosignatureVector -update", file)
	}
	// And it verifies by the same code that checks the TypeScript cosignatures.
	key, err := parseCosignerKey(v.VerifierKey)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := verifyCosigned(v.CosignedNote, key); err != nil {
		t.Fatal(err)
	}
}

func TestKeyIDDerivation(t *testing.T) {
	// The same public key under the signed-note Ed25519 type (0x01) and the cosignature type
	// (0x04) must give different key IDs: the type byte is part of the hash.
	seed := sha256.Sum256([]byte("key id"))
	pub := ed25519.NewKeyFromSeed(seed[:]).Public().(ed25519.PublicKey)
	h := sha256.Sum256(append(append([]byte("w.example\n"), 0x01), pub...))
	if binary.BigEndian.Uint32(h[:4]) == keyID("w.example", pub) {
		t.Fatal("key ID does not depend on the type byte")
	}
	manual := sha256.Sum256(append(append([]byte("w.example\n"), 0x04), pub...))
	if binary.BigEndian.Uint32(manual[:4]) != keyID("w.example", pub) {
		t.Fatal("key ID is not SHA-256(name || 0x0A || 0x04 || key)[:4]")
	}
	if _, err := parseCosignerKey(fmt.Sprintf("w.example+%08x+%s", keyID("w.example", pub)^1, base64.StdEncoding.EncodeToString(append([]byte{4}, pub...)))); err == nil {
		t.Fatal("a wrong key ID was accepted")
	}
}
