;; Growth under fuel (issue 15 item 9) and memories past 2 GiB: see tests/WasmBind.Tests/LinearMemory/.
(module
  (memory (export "memory") 0)
  (table (export "table") 0 funcref)

  ;; Grows the memory one page at a time until it has $limit pages or memory.grow fails; returns the pages reached.
  (func (export "grow_memory_by_pages") (param $limit i32) (result i32)
    (block $done
      (loop $again
        (br_if $done (i32.ge_u (memory.size) (local.get $limit)))
        (br_if $done (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (br $again)))
    (memory.size))

  ;; The same for the table, one element at a time.
  (func (export "grow_table_by_elements") (param $limit i32) (result i32)
    (block $done
      (loop $again
        (br_if $done (i32.ge_u (table.size 0) (local.get $limit)))
        (br_if $done (i32.eq (table.grow 0 (ref.null func) (i32.const 1)) (i32.const -1)))
        (br $again)))
    (table.size 0))

  (func (export "grow_memory") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "grow_table") (param i32) (result i32) (table.grow 0 (ref.null func) (local.get 0)))

  ;; Stores then loads back an i64 at $address + 8 (the offset takes the access past 4 GiB - 8 when $address is near the top).
  (func (export "store_load_i64") (param $address i32) (param $value i64) (result i64)
    (i64.store offset=8 (local.get $address) (local.get $value))
    (i64.load offset=8 (local.get $address)))

  (func (export "load_u8") (param $address i32) (result i32) (i32.load8_u (local.get $address)))
)
