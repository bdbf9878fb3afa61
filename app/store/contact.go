package store

import (
	"maps"

	"github.com/xuequ/xuequ/model"
)

// A school's address and phone (model.School.Address, Phone) are kept in
// its attrs JSON under these keys, so schema version 10 files need no new
// column; they are taken out again on open.
const (
	attrAddress = "xuequ:address"
	attrPhone   = "xuequ:phone"
)

// contactAttrs is s.Attrs with the address and phone added.
func contactAttrs(s *model.School) map[string]string {
	if s.Address == "" && s.Phone == "" {
		return s.Attrs
	}
	m := maps.Clone(s.Attrs)
	if m == nil {
		m = map[string]string{}
	}
	if s.Address != "" {
		m[attrAddress] = s.Address
	}
	if s.Phone != "" {
		m[attrPhone] = s.Phone
	}
	return m
}

// takeContact moves the address and phone from s.Attrs to their fields.
func takeContact(s *model.School) {
	if s.Attrs == nil {
		return
	}
	a, okA := s.Attrs[attrAddress]
	p, okP := s.Attrs[attrPhone]
	if !okA && !okP {
		return
	}
	s.Address, s.Phone = a, p
	delete(s.Attrs, attrAddress)
	delete(s.Attrs, attrPhone)
	if len(s.Attrs) == 0 {
		s.Attrs = nil
	}
}
