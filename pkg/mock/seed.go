package mock

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
)

// newRand returns the seeded source for one API's data, independent of the
// other APIs' so adding data to one never shifts another's.
func newRand(seed uint64, api string) *rand.Rand {
	h := fnv.New64a()
	_, _ = h.Write([]byte(api))
	return rand.New(rand.NewPCG(seed, h.Sum64()))
}

var firstNames = [...]string{"Ana", "Bruno", "Chen", "Dana", "Emeka", "Farah", "Goran", "Hana", "Ivan", "Jia",
	"Kofi", "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tara", "Uma", "Viktor", "Wen", "Yara", "Zoe"}

var lastNames = [...]string{"Alvarez", "Brown", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Hasanov",
	"Ito", "Jensen", "Kowalski", "Lopez", "Moreau", "Novak", "Okafor", "Petrov", "Rossi", "Silva", "Tanaka", "Weber"}

// personName returns a seeded "First Last".
func personName(r *rand.Rand) string {
	return firstNames[r.IntN(len(firstNames))] + " " + lastNames[r.IntN(len(lastNames))]
}

const meteorAlphabet = "23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz"

// meteorID returns a 17-character Meteor-style id, as Bot.Az uses.
func meteorID(r *rand.Rand) string {
	b := make([]byte, 17)
	for i := range b {
		b[i] = meteorAlphabet[r.IntN(len(meteorAlphabet))]
	}
	return string(b)
}

// hexID returns a UUID-shaped id of seeded hex digits (DailyBot's ids are
// strings of this shape, not always valid RFC 4122 UUIDs).
func hexID(r *rand.Rand) string {
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", r.Uint32(), r.Uint32()&0xffff, 0x4000|r.Uint32()&0x0fff,
		0x8000|r.Uint32()&0x3fff, r.Uint64()&0xffffffffffff)
}
