;; A guest that does not match ISmallGuest: add has the wrong type, greet and cabi_realloc are missing, and
;; cabi_post_add takes the wrong parameter. Binding it must fail once, listing all four.
(module
  (memory (export "memory") 1)
  (func (export "add") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
  (func (export "cabi_post_add") (param i64))
)
