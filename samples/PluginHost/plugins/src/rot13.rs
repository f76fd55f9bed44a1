//! A well-behaved plugin in Rust: ROT13 of the input, and the share of letters in the data.
//! The same contract as plugin.h describes for C, written with `extern "C"` functions and the std allocator.

use std::alloc::{alloc, dealloc, realloc, Layout};

/// The return area of a string result: pointer, then length (two i32 on wasm32).
#[repr(C)]
pub struct PluginString {
    ptr: *const u8,
    len: usize,
}

static mut DESCRIBE_RESULT: PluginString = PluginString { ptr: std::ptr::null(), len: 0 };
static mut TRANSFORM_RESULT: PluginString = PluginString { ptr: std::ptr::null(), len: 0 };

#[link(wasm_import_module = "host")]
extern "C" {
    #[link_name = "log"]
    fn host_log(ptr: *const u8, len: usize);
}

/// The allocator the host calls to place strings and bytes in this plugin's memory.
#[no_mangle]
pub unsafe extern "C" fn cabi_realloc(old_ptr: *mut u8, old_size: usize, align: usize, new_size: usize) -> *mut u8 {
    if new_size == 0 {
        return align as *mut u8;
    }
    let layout = Layout::from_size_align(new_size, align).unwrap();
    if old_ptr.is_null() || old_size == 0 {
        alloc(layout)
    } else {
        realloc(old_ptr, Layout::from_size_align(old_size, align).unwrap(), new_size)
    }
}

/// Takes ownership of a buffer the host placed with `cabi_realloc(0, 0, 1, len)`.
unsafe fn take_bytes(ptr: *mut u8, len: usize) -> Vec<u8> {
    if len == 0 {
        return Vec::new();
    }
    Vec::from_raw_parts(ptr, len, len)
}

#[no_mangle]
pub unsafe extern "C" fn describe() -> *const PluginString {
    let text: &'static str = "ROT13, written in Rust";
    DESCRIBE_RESULT = PluginString { ptr: text.as_ptr(), len: text.len() };
    &DESCRIBE_RESULT
}

#[no_mangle]
pub unsafe extern "C" fn transform(ptr: *mut u8, len: usize) -> *const PluginString {
    let input = take_bytes(ptr, len);
    let output: Vec<u8> = input
        .iter()
        .map(|&c| match c {
            b'a'..=b'z' => (c - b'a' + 13) % 26 + b'a',
            b'A'..=b'Z' => (c - b'A' + 13) % 26 + b'A',
            _ => c,
        })
        .collect();
    let message = "rot13: rotated one input";
    host_log(message.as_ptr(), message.len());
    // Exactly len bytes, so cabi_post_transform can rebuild the Vec with the capacity it was allocated with.
    let mut output = output.into_boxed_slice();
    let result = PluginString { ptr: output.as_mut_ptr(), len: output.len() };
    std::mem::forget(output);
    TRANSFORM_RESULT = result;
    &TRANSFORM_RESULT
}

#[no_mangle]
pub unsafe extern "C" fn cabi_post_transform(area: *const PluginString) {
    let area = &*area;
    if area.len != 0 {
        dealloc(area.ptr as *mut u8, Layout::from_size_align(area.len, 1).unwrap());
    }
}

#[no_mangle]
pub unsafe extern "C" fn score(ptr: *mut u8, len: usize) -> f64 {
    let data = take_bytes(ptr, len);
    if data.is_empty() {
        return 0.0;
    }
    let letters = data.iter().filter(|c| c.is_ascii_alphabetic()).count();
    letters as f64 / data.len() as f64
}
