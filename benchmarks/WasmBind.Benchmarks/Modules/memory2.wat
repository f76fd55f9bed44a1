;; A 2-page (128 KiB) memory and a data segment: the instantiation cost of a typical small plugin's memory
;; (InstantiationBenchmarks). As a byte[], 128 KiB was a large-object-heap array, a gen-2 collection's worth per instance.
(module
  (memory (export "memory") 2)
  (data (i32.const 1024) "hello")
  (func (export "peek") (param i32) (result i32) (i32.load8_u (local.get 0))))
