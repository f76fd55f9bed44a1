;; For samples/AsyncImport: the guest asks the host for a price (an async host function) and multiplies.
(module
  (import "host" "fetch_price" (func $fetch_price (param i32) (result i32)))
  (func (export "order_total") (param $item i32) (param $quantity i32) (result i32)
    (i32.mul (call $fetch_price (local.get $item)) (local.get $quantity)))
)
