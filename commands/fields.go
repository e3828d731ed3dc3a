package commands

import (
	"envcoop/kb"
)

// obj is an ordered JSON object.
type obj []kv

type kv struct {
	key string
	val any
}

// A value is one of: nil (unknown), string, kb.Date, int, *int, bool, *bool,
// []string, []int, obj or []obj. Empty strings and zero dates are unknown.

// field is one column of a kind's records, in the flattened form CSV uses:
// eu_status, xref_untc. JSON nests the fields of a group back into an object.
type field struct {
	name   string
	header string
	group  string // "eu" or "xref": nested under this key in JSON
	get    func(k *kb.KB, i int) any
}

// kindFields returns the fields of a kind, in output order.
func kindFields(kind string) []field {
	switch kind {
	case kb.KindTheme:
		return themeFields()
	case kb.KindAgreement:
		return agreementFields()
	case kb.KindCrisis:
		return crisisFields()
	case kb.KindSDG:
		return sdgFields()
	}
	return nil
}

// defaultColumns are the fields a table or TSV shows when --fields is not given.
func defaultColumns(kind string) []string {
	switch kind {
	case kb.KindTheme:
		return []string{"id", "name", "crises", "agreement_count"}
	case kb.KindAgreement:
		return []string{"id", "name", "type", "adopted", "entry_into_force", "eu_status", "themes"}
	case kb.KindCrisis:
		return []string{"id", "name", "theme_count", "agreement_count"}
	case kb.KindSDG:
		return []string{"number", "name", "agreement_count"}
	}
	return nil
}

func sourcesValue(srcs []kb.Source) []obj {
	out := make([]obj, len(srcs))
	for i, s := range srcs {
		out[i] = obj{{"url", s.URL}, {"title", s.Title}, {"supports", s.Supports}}
	}
	return out
}

func agreementIDs(k *kb.KB, idx []int) []string {
	out := make([]string, len(idx))
	for i, j := range idx {
		out[i] = k.Agreements[j].ID
	}
	return out
}

func themeFields() []field {
	t := func(k *kb.KB, i int) *kb.Theme { return &k.Themes[i] }
	return []field{
		{name: "id", header: "ID", get: func(k *kb.KB, i int) any { return t(k, i).ID }},
		{name: "name", header: "NAME", get: func(k *kb.KB, i int) any { return t(k, i).Name }},
		{name: "summary", header: "SUMMARY", get: func(k *kb.KB, i int) any { return t(k, i).Summary }},
		{name: "crises", header: "CRISES", get: func(k *kb.KB, i int) any { return t(k, i).Crises }},
		{name: "sdgs", header: "SDGS", get: func(k *kb.KB, i int) any { return t(k, i).SDGs }},
		{name: "eu_policy", header: "EU POLICY", get: func(k *kb.KB, i int) any { return t(k, i).EUPolicy }},
		{name: "url", header: "URL", get: func(k *kb.KB, i int) any { return t(k, i).URL }},
		{name: "aliases", header: "ALIASES", get: func(k *kb.KB, i int) any { return t(k, i).Aliases }},
		{name: "as_of", header: "AS OF", get: func(k *kb.KB, i int) any { return t(k, i).AsOf }},
		{name: "sources", header: "SOURCES", get: func(k *kb.KB, i int) any { return sourcesValue(t(k, i).Sources) }},
		{name: "agreements", header: "AGREEMENTS", get: func(k *kb.KB, i int) any { return agreementIDs(k, k.AgreementsOfTheme(t(k, i).ID)) }},
		{name: "agreement_count", header: "AGREEMENTS", get: func(k *kb.KB, i int) any { return len(k.AgreementsOfTheme(t(k, i).ID)) }},
	}
}

func agreementFields() []field {
	a := func(k *kb.KB, i int) *kb.Agreement { return &k.Agreements[i] }
	return []field{
		{name: "id", header: "ID", get: func(k *kb.KB, i int) any { return a(k, i).ID }},
		{name: "name", header: "NAME", get: func(k *kb.KB, i int) any { return a(k, i).Name }},
		{name: "full_name", header: "FULL NAME", get: func(k *kb.KB, i int) any { return a(k, i).FullName }},
		{name: "type", header: "TYPE", get: func(k *kb.KB, i int) any { return a(k, i).Type }},
		{name: "binding", header: "BINDING", get: func(k *kb.KB, i int) any { return a(k, i).Binding }},
		{name: "parent", header: "PARENT", get: func(k *kb.KB, i int) any { return a(k, i).Parent }},
		{name: "themes", header: "THEMES", get: func(k *kb.KB, i int) any { return a(k, i).Themes }},
		{name: "crises", header: "CRISES", get: func(k *kb.KB, i int) any { return a(k, i).Crises }},
		{name: "sdgs", header: "SDGS", get: func(k *kb.KB, i int) any { return a(k, i).SDGs }},
		{name: "adopted", header: "ADOPTED", get: func(k *kb.KB, i int) any { return a(k, i).Adopted }},
		{name: "adopted_place", header: "PLACE", get: func(k *kb.KB, i int) any { return a(k, i).AdoptedPlace }},
		{name: "entry_into_force", header: "IN FORCE", get: func(k *kb.KB, i int) any { return a(k, i).EntryIntoForce }},
		{name: "status", header: "STATUS", get: func(k *kb.KB, i int) any { return a(k, i).Status }},
		{name: "eu_status", header: "EU", group: "eu", get: func(k *kb.KB, i int) any { return a(k, i).EU.Status }},
		{name: "eu_signed", header: "EU SIGNED", group: "eu", get: func(k *kb.KB, i int) any { return a(k, i).EU.Signed }},
		{name: "eu_joined", header: "EU JOINED", group: "eu", get: func(k *kb.KB, i int) any { return a(k, i).EU.Joined }},
		{name: "eu_in_force_for_eu", header: "IN FORCE FOR EU", group: "eu", get: func(k *kb.KB, i int) any { return a(k, i).EU.InForceForEU }},
		{name: "eu_instrument", header: "EU INSTRUMENT", group: "eu", get: func(k *kb.KB, i int) any { return a(k, i).EU.Instrument }},
		{name: "eu_decision", header: "EU DECISION", group: "eu", get: func(k *kb.KB, i int) any { return a(k, i).EU.Decision }},
		{name: "eu_celex", header: "EU CELEX", group: "eu", get: func(k *kb.KB, i int) any { return a(k, i).EU.CELEX }},
		{name: "depositary", header: "DEPOSITARY", get: func(k *kb.KB, i int) any { return a(k, i).Depositary }},
		{name: "secretariat", header: "SECRETARIAT", get: func(k *kb.KB, i int) any { return a(k, i).Secretariat }},
		{name: "parties", header: "PARTIES", get: func(k *kb.KB, i int) any { return a(k, i).Parties }},
		{name: "parties_as_of", header: "PARTIES AS OF", get: func(k *kb.KB, i int) any { return a(k, i).PartiesAsOf }},
		{name: "url", header: "URL", get: func(k *kb.KB, i int) any { return a(k, i).URL }},
		{name: "summary", header: "SUMMARY", get: func(k *kb.KB, i int) any { return a(k, i).Summary }},
		{name: "aliases", header: "ALIASES", get: func(k *kb.KB, i int) any { return a(k, i).Aliases }},
		{name: "milestones", header: "MILESTONES", get: func(k *kb.KB, i int) any {
			ms := a(k, i).Milestones
			out := make([]obj, len(ms))
			for j, m := range ms {
				out[j] = obj{{"date", m.Date}, {"event", m.Event}}
			}
			return out
		}},
		{name: "xref_untc", header: "UNTC", group: "xref", get: func(k *kb.KB, i int) any { return a(k, i).Xref.UNTC }},
		{name: "xref_ecolex", header: "ECOLEX", group: "xref", get: func(k *kb.KB, i int) any { return a(k, i).Xref.ECOLEX }},
		{name: "xref_informea", header: "INFORMEA", group: "xref", get: func(k *kb.KB, i int) any { return a(k, i).Xref.InforMEA }},
		{name: "xref_celex", header: "CELEX", group: "xref", get: func(k *kb.KB, i int) any { return a(k, i).Xref.CELEX }},
		{name: "as_of", header: "AS OF", get: func(k *kb.KB, i int) any { return a(k, i).AsOf }},
		{name: "sources", header: "SOURCES", get: func(k *kb.KB, i int) any { return sourcesValue(a(k, i).Sources) }},
	}
}

func crisisFields() []field {
	c := func(k *kb.KB, i int) *kb.Crisis { return &k.Crises[i] }
	return []field{
		{name: "id", header: "ID", get: func(k *kb.KB, i int) any { return c(k, i).ID }},
		{name: "name", header: "NAME", get: func(k *kb.KB, i int) any { return c(k, i).Name }},
		{name: "summary", header: "SUMMARY", get: func(k *kb.KB, i int) any { return c(k, i).Summary }},
		{name: "aliases", header: "ALIASES", get: func(k *kb.KB, i int) any { return c(k, i).Aliases }},
		{name: "themes", header: "THEMES", get: func(k *kb.KB, i int) any {
			idx := k.ThemesOfCrisis(c(k, i).ID)
			out := make([]string, len(idx))
			for j, t := range idx {
				out[j] = k.Themes[t].ID
			}
			return out
		}},
		{name: "theme_count", header: "THEMES", get: func(k *kb.KB, i int) any { return len(k.ThemesOfCrisis(c(k, i).ID)) }},
		{name: "agreements", header: "AGREEMENTS", get: func(k *kb.KB, i int) any { return agreementIDs(k, k.AgreementsOfCrisis(c(k, i).ID)) }},
		{name: "agreement_count", header: "AGREEMENTS", get: func(k *kb.KB, i int) any { return len(k.AgreementsOfCrisis(c(k, i).ID)) }},
	}
}

func sdgFields() []field {
	s := func(k *kb.KB, i int) *kb.SDG { return &k.SDGs[i] }
	return []field{
		{name: "number", header: "NUMBER", get: func(k *kb.KB, i int) any { return s(k, i).Number }},
		{name: "id", header: "ID", get: func(k *kb.KB, i int) any { return s(k, i).ID() }},
		{name: "name", header: "NAME", get: func(k *kb.KB, i int) any { return s(k, i).Name }},
		{name: "url", header: "URL", get: func(k *kb.KB, i int) any { return s(k, i).URL }},
		{name: "agreements", header: "AGREEMENTS", get: func(k *kb.KB, i int) any { return agreementIDs(k, k.AgreementsOfSDG(s(k, i).Number)) }},
		{name: "agreement_count", header: "AGREEMENTS", get: func(k *kb.KB, i int) any { return len(k.AgreementsOfSDG(s(k, i).Number)) }},
	}
}
