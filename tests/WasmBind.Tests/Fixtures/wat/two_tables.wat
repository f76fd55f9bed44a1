;; A module that defines a table and a memory, to count against store limits.
(module
  (table (export "table") 2 10 funcref)
  (memory (export "memory") 1)
  (func (export "grow_table") (param i32) (result i32) (table.grow 0 (ref.null func) (local.get 0)))
)
