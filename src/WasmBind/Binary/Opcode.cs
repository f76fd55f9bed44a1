// One name per WebAssembly opcode, so decoders, validators and translators say which instruction they mean instead
// of a hex literal. Values are the binary encoding (spec: binary/instructions.rst).

namespace WasmBind.Binary;

/// <summary>The single-byte opcodes of the WebAssembly binary format, and the prefixes of the multi-byte ones.</summary>
internal static class Opcode
{
    /// <summary>Prefix of the 0xFC instructions (saturating truncation, bulk memory and tables, wide arithmetic): see <see cref="MiscOpcode"/>.</summary>
    public const byte MiscPrefix = 0xFC;
    /// <summary>Prefix of the vector instructions (see <c>SimdOpcodes</c>).</summary>
    public const byte SimdPrefix = 0xFD;
    /// <summary>Prefix of the atomic instructions of the threads proposal (see <c>AtomicOpcodes</c>).</summary>
    public const byte AtomicPrefix = 0xFE;

    /// <summary><c>unreachable</c></summary>
    public const byte Unreachable = 0x00;
    /// <summary><c>nop</c></summary>
    public const byte Nop = 0x01;
    /// <summary><c>block</c></summary>
    public const byte Block = 0x02;
    /// <summary><c>loop</c></summary>
    public const byte Loop = 0x03;
    /// <summary><c>if</c></summary>
    public const byte If = 0x04;
    /// <summary><c>else</c></summary>
    public const byte Else = 0x05;
    /// <summary><c>end</c></summary>
    public const byte End = 0x0B;
    /// <summary><c>br</c></summary>
    public const byte Br = 0x0C;
    /// <summary><c>br_if</c></summary>
    public const byte BrIf = 0x0D;
    /// <summary><c>br_table</c></summary>
    public const byte BrTable = 0x0E;
    /// <summary><c>return</c></summary>
    public const byte Return = 0x0F;
    /// <summary><c>call</c></summary>
    public const byte Call = 0x10;
    /// <summary><c>call_indirect</c></summary>
    public const byte CallIndirect = 0x11;
    /// <summary><c>return_call</c></summary>
    public const byte ReturnCall = 0x12;
    /// <summary><c>return_call_indirect</c></summary>
    public const byte ReturnCallIndirect = 0x13;
    /// <summary><c>drop</c></summary>
    public const byte Drop = 0x1A;
    /// <summary><c>select</c></summary>
    public const byte Select = 0x1B;
    /// <summary><c>select t*</c></summary>
    public const byte SelectTyped = 0x1C;
    /// <summary><c>local.get</c></summary>
    public const byte LocalGet = 0x20;
    /// <summary><c>local.set</c></summary>
    public const byte LocalSet = 0x21;
    /// <summary><c>local.tee</c></summary>
    public const byte LocalTee = 0x22;
    /// <summary><c>global.get</c></summary>
    public const byte GlobalGet = 0x23;
    /// <summary><c>global.set</c></summary>
    public const byte GlobalSet = 0x24;
    /// <summary><c>table.get</c></summary>
    public const byte TableGet = 0x25;
    /// <summary><c>table.set</c></summary>
    public const byte TableSet = 0x26;
    /// <summary><c>i32.load</c></summary>
    public const byte I32Load = 0x28;
    /// <summary><c>i64.load</c></summary>
    public const byte I64Load = 0x29;
    /// <summary><c>f32.load</c></summary>
    public const byte F32Load = 0x2A;
    /// <summary><c>f64.load</c></summary>
    public const byte F64Load = 0x2B;
    /// <summary><c>i32.load8_s</c></summary>
    public const byte I32Load8S = 0x2C;
    /// <summary><c>i32.load8_u</c></summary>
    public const byte I32Load8U = 0x2D;
    /// <summary><c>i32.load16_s</c></summary>
    public const byte I32Load16S = 0x2E;
    /// <summary><c>i32.load16_u</c></summary>
    public const byte I32Load16U = 0x2F;
    /// <summary><c>i64.load8_s</c></summary>
    public const byte I64Load8S = 0x30;
    /// <summary><c>i64.load8_u</c></summary>
    public const byte I64Load8U = 0x31;
    /// <summary><c>i64.load16_s</c></summary>
    public const byte I64Load16S = 0x32;
    /// <summary><c>i64.load16_u</c></summary>
    public const byte I64Load16U = 0x33;
    /// <summary><c>i64.load32_s</c></summary>
    public const byte I64Load32S = 0x34;
    /// <summary><c>i64.load32_u</c></summary>
    public const byte I64Load32U = 0x35;
    /// <summary><c>i32.store</c></summary>
    public const byte I32Store = 0x36;
    /// <summary><c>i64.store</c></summary>
    public const byte I64Store = 0x37;
    /// <summary><c>f32.store</c></summary>
    public const byte F32Store = 0x38;
    /// <summary><c>f64.store</c></summary>
    public const byte F64Store = 0x39;
    /// <summary><c>i32.store8</c></summary>
    public const byte I32Store8 = 0x3A;
    /// <summary><c>i32.store16</c></summary>
    public const byte I32Store16 = 0x3B;
    /// <summary><c>i64.store8</c></summary>
    public const byte I64Store8 = 0x3C;
    /// <summary><c>i64.store16</c></summary>
    public const byte I64Store16 = 0x3D;
    /// <summary><c>i64.store32</c></summary>
    public const byte I64Store32 = 0x3E;
    /// <summary><c>memory.size</c></summary>
    public const byte MemorySize = 0x3F;
    /// <summary><c>memory.grow</c></summary>
    public const byte MemoryGrow = 0x40;
    /// <summary><c>i32.const</c></summary>
    public const byte I32Const = 0x41;
    /// <summary><c>i64.const</c></summary>
    public const byte I64Const = 0x42;
    /// <summary><c>f32.const</c></summary>
    public const byte F32Const = 0x43;
    /// <summary><c>f64.const</c></summary>
    public const byte F64Const = 0x44;
    /// <summary><c>i32.eqz</c></summary>
    public const byte I32Eqz = 0x45;
    /// <summary><c>i32.eq</c></summary>
    public const byte I32Eq = 0x46;
    /// <summary><c>i32.ne</c></summary>
    public const byte I32Ne = 0x47;
    /// <summary><c>i32.lt_s</c></summary>
    public const byte I32LtS = 0x48;
    /// <summary><c>i32.lt_u</c></summary>
    public const byte I32LtU = 0x49;
    /// <summary><c>i32.gt_s</c></summary>
    public const byte I32GtS = 0x4A;
    /// <summary><c>i32.gt_u</c></summary>
    public const byte I32GtU = 0x4B;
    /// <summary><c>i32.le_s</c></summary>
    public const byte I32LeS = 0x4C;
    /// <summary><c>i32.le_u</c></summary>
    public const byte I32LeU = 0x4D;
    /// <summary><c>i32.ge_s</c></summary>
    public const byte I32GeS = 0x4E;
    /// <summary><c>i32.ge_u</c></summary>
    public const byte I32GeU = 0x4F;
    /// <summary><c>i64.eqz</c></summary>
    public const byte I64Eqz = 0x50;
    /// <summary><c>i64.eq</c></summary>
    public const byte I64Eq = 0x51;
    /// <summary><c>i64.ne</c></summary>
    public const byte I64Ne = 0x52;
    /// <summary><c>i64.lt_s</c></summary>
    public const byte I64LtS = 0x53;
    /// <summary><c>i64.lt_u</c></summary>
    public const byte I64LtU = 0x54;
    /// <summary><c>i64.gt_s</c></summary>
    public const byte I64GtS = 0x55;
    /// <summary><c>i64.gt_u</c></summary>
    public const byte I64GtU = 0x56;
    /// <summary><c>i64.le_s</c></summary>
    public const byte I64LeS = 0x57;
    /// <summary><c>i64.le_u</c></summary>
    public const byte I64LeU = 0x58;
    /// <summary><c>i64.ge_s</c></summary>
    public const byte I64GeS = 0x59;
    /// <summary><c>i64.ge_u</c></summary>
    public const byte I64GeU = 0x5A;
    /// <summary><c>f32.eq</c></summary>
    public const byte F32Eq = 0x5B;
    /// <summary><c>f32.ne</c></summary>
    public const byte F32Ne = 0x5C;
    /// <summary><c>f32.lt</c></summary>
    public const byte F32Lt = 0x5D;
    /// <summary><c>f32.gt</c></summary>
    public const byte F32Gt = 0x5E;
    /// <summary><c>f32.le</c></summary>
    public const byte F32Le = 0x5F;
    /// <summary><c>f32.ge</c></summary>
    public const byte F32Ge = 0x60;
    /// <summary><c>f64.eq</c></summary>
    public const byte F64Eq = 0x61;
    /// <summary><c>f64.ne</c></summary>
    public const byte F64Ne = 0x62;
    /// <summary><c>f64.lt</c></summary>
    public const byte F64Lt = 0x63;
    /// <summary><c>f64.gt</c></summary>
    public const byte F64Gt = 0x64;
    /// <summary><c>f64.le</c></summary>
    public const byte F64Le = 0x65;
    /// <summary><c>f64.ge</c></summary>
    public const byte F64Ge = 0x66;
    /// <summary><c>i32.clz</c></summary>
    public const byte I32Clz = 0x67;
    /// <summary><c>i32.ctz</c></summary>
    public const byte I32Ctz = 0x68;
    /// <summary><c>i32.popcnt</c></summary>
    public const byte I32Popcnt = 0x69;
    /// <summary><c>i32.add</c></summary>
    public const byte I32Add = 0x6A;
    /// <summary><c>i32.sub</c></summary>
    public const byte I32Sub = 0x6B;
    /// <summary><c>i32.mul</c></summary>
    public const byte I32Mul = 0x6C;
    /// <summary><c>i32.div_s</c></summary>
    public const byte I32DivS = 0x6D;
    /// <summary><c>i32.div_u</c></summary>
    public const byte I32DivU = 0x6E;
    /// <summary><c>i32.rem_s</c></summary>
    public const byte I32RemS = 0x6F;
    /// <summary><c>i32.rem_u</c></summary>
    public const byte I32RemU = 0x70;
    /// <summary><c>i32.and</c></summary>
    public const byte I32And = 0x71;
    /// <summary><c>i32.or</c></summary>
    public const byte I32Or = 0x72;
    /// <summary><c>i32.xor</c></summary>
    public const byte I32Xor = 0x73;
    /// <summary><c>i32.shl</c></summary>
    public const byte I32Shl = 0x74;
    /// <summary><c>i32.shr_s</c></summary>
    public const byte I32ShrS = 0x75;
    /// <summary><c>i32.shr_u</c></summary>
    public const byte I32ShrU = 0x76;
    /// <summary><c>i32.rotl</c></summary>
    public const byte I32Rotl = 0x77;
    /// <summary><c>i32.rotr</c></summary>
    public const byte I32Rotr = 0x78;
    /// <summary><c>i64.clz</c></summary>
    public const byte I64Clz = 0x79;
    /// <summary><c>i64.ctz</c></summary>
    public const byte I64Ctz = 0x7A;
    /// <summary><c>i64.popcnt</c></summary>
    public const byte I64Popcnt = 0x7B;
    /// <summary><c>i64.add</c></summary>
    public const byte I64Add = 0x7C;
    /// <summary><c>i64.sub</c></summary>
    public const byte I64Sub = 0x7D;
    /// <summary><c>i64.mul</c></summary>
    public const byte I64Mul = 0x7E;
    /// <summary><c>i64.div_s</c></summary>
    public const byte I64DivS = 0x7F;
    /// <summary><c>i64.div_u</c></summary>
    public const byte I64DivU = 0x80;
    /// <summary><c>i64.rem_s</c></summary>
    public const byte I64RemS = 0x81;
    /// <summary><c>i64.rem_u</c></summary>
    public const byte I64RemU = 0x82;
    /// <summary><c>i64.and</c></summary>
    public const byte I64And = 0x83;
    /// <summary><c>i64.or</c></summary>
    public const byte I64Or = 0x84;
    /// <summary><c>i64.xor</c></summary>
    public const byte I64Xor = 0x85;
    /// <summary><c>i64.shl</c></summary>
    public const byte I64Shl = 0x86;
    /// <summary><c>i64.shr_s</c></summary>
    public const byte I64ShrS = 0x87;
    /// <summary><c>i64.shr_u</c></summary>
    public const byte I64ShrU = 0x88;
    /// <summary><c>i64.rotl</c></summary>
    public const byte I64Rotl = 0x89;
    /// <summary><c>i64.rotr</c></summary>
    public const byte I64Rotr = 0x8A;
    /// <summary><c>f32.abs</c></summary>
    public const byte F32Abs = 0x8B;
    /// <summary><c>f32.neg</c></summary>
    public const byte F32Neg = 0x8C;
    /// <summary><c>f32.ceil</c></summary>
    public const byte F32Ceil = 0x8D;
    /// <summary><c>f32.floor</c></summary>
    public const byte F32Floor = 0x8E;
    /// <summary><c>f32.trunc</c></summary>
    public const byte F32Trunc = 0x8F;
    /// <summary><c>f32.nearest</c></summary>
    public const byte F32Nearest = 0x90;
    /// <summary><c>f32.sqrt</c></summary>
    public const byte F32Sqrt = 0x91;
    /// <summary><c>f32.add</c></summary>
    public const byte F32Add = 0x92;
    /// <summary><c>f32.sub</c></summary>
    public const byte F32Sub = 0x93;
    /// <summary><c>f32.mul</c></summary>
    public const byte F32Mul = 0x94;
    /// <summary><c>f32.div</c></summary>
    public const byte F32Div = 0x95;
    /// <summary><c>f32.min</c></summary>
    public const byte F32Min = 0x96;
    /// <summary><c>f32.max</c></summary>
    public const byte F32Max = 0x97;
    /// <summary><c>f32.copysign</c></summary>
    public const byte F32Copysign = 0x98;
    /// <summary><c>f64.abs</c></summary>
    public const byte F64Abs = 0x99;
    /// <summary><c>f64.neg</c></summary>
    public const byte F64Neg = 0x9A;
    /// <summary><c>f64.ceil</c></summary>
    public const byte F64Ceil = 0x9B;
    /// <summary><c>f64.floor</c></summary>
    public const byte F64Floor = 0x9C;
    /// <summary><c>f64.trunc</c></summary>
    public const byte F64Trunc = 0x9D;
    /// <summary><c>f64.nearest</c></summary>
    public const byte F64Nearest = 0x9E;
    /// <summary><c>f64.sqrt</c></summary>
    public const byte F64Sqrt = 0x9F;
    /// <summary><c>f64.add</c></summary>
    public const byte F64Add = 0xA0;
    /// <summary><c>f64.sub</c></summary>
    public const byte F64Sub = 0xA1;
    /// <summary><c>f64.mul</c></summary>
    public const byte F64Mul = 0xA2;
    /// <summary><c>f64.div</c></summary>
    public const byte F64Div = 0xA3;
    /// <summary><c>f64.min</c></summary>
    public const byte F64Min = 0xA4;
    /// <summary><c>f64.max</c></summary>
    public const byte F64Max = 0xA5;
    /// <summary><c>f64.copysign</c></summary>
    public const byte F64Copysign = 0xA6;
    /// <summary><c>i32.wrap_i64</c></summary>
    public const byte I32WrapI64 = 0xA7;
    /// <summary><c>i32.trunc_f32_s</c></summary>
    public const byte I32TruncF32S = 0xA8;
    /// <summary><c>i32.trunc_f32_u</c></summary>
    public const byte I32TruncF32U = 0xA9;
    /// <summary><c>i32.trunc_f64_s</c></summary>
    public const byte I32TruncF64S = 0xAA;
    /// <summary><c>i32.trunc_f64_u</c></summary>
    public const byte I32TruncF64U = 0xAB;
    /// <summary><c>i64.extend_i32_s</c></summary>
    public const byte I64ExtendI32S = 0xAC;
    /// <summary><c>i64.extend_i32_u</c></summary>
    public const byte I64ExtendI32U = 0xAD;
    /// <summary><c>i64.trunc_f32_s</c></summary>
    public const byte I64TruncF32S = 0xAE;
    /// <summary><c>i64.trunc_f32_u</c></summary>
    public const byte I64TruncF32U = 0xAF;
    /// <summary><c>i64.trunc_f64_s</c></summary>
    public const byte I64TruncF64S = 0xB0;
    /// <summary><c>i64.trunc_f64_u</c></summary>
    public const byte I64TruncF64U = 0xB1;
    /// <summary><c>f32.convert_i32_s</c></summary>
    public const byte F32ConvertI32S = 0xB2;
    /// <summary><c>f32.convert_i32_u</c></summary>
    public const byte F32ConvertI32U = 0xB3;
    /// <summary><c>f32.convert_i64_s</c></summary>
    public const byte F32ConvertI64S = 0xB4;
    /// <summary><c>f32.convert_i64_u</c></summary>
    public const byte F32ConvertI64U = 0xB5;
    /// <summary><c>f32.demote_f64</c></summary>
    public const byte F32DemoteF64 = 0xB6;
    /// <summary><c>f64.convert_i32_s</c></summary>
    public const byte F64ConvertI32S = 0xB7;
    /// <summary><c>f64.convert_i32_u</c></summary>
    public const byte F64ConvertI32U = 0xB8;
    /// <summary><c>f64.convert_i64_s</c></summary>
    public const byte F64ConvertI64S = 0xB9;
    /// <summary><c>f64.convert_i64_u</c></summary>
    public const byte F64ConvertI64U = 0xBA;
    /// <summary><c>f64.promote_f32</c></summary>
    public const byte F64PromoteF32 = 0xBB;
    /// <summary><c>i32.reinterpret_f32</c></summary>
    public const byte I32ReinterpretF32 = 0xBC;
    /// <summary><c>i64.reinterpret_f64</c></summary>
    public const byte I64ReinterpretF64 = 0xBD;
    /// <summary><c>f32.reinterpret_i32</c></summary>
    public const byte F32ReinterpretI32 = 0xBE;
    /// <summary><c>f64.reinterpret_i64</c></summary>
    public const byte F64ReinterpretI64 = 0xBF;
    /// <summary><c>i32.extend8_s</c></summary>
    public const byte I32Extend8S = 0xC0;
    /// <summary><c>i32.extend16_s</c></summary>
    public const byte I32Extend16S = 0xC1;
    /// <summary><c>i64.extend8_s</c></summary>
    public const byte I64Extend8S = 0xC2;
    /// <summary><c>i64.extend16_s</c></summary>
    public const byte I64Extend16S = 0xC3;
    /// <summary><c>i64.extend32_s</c></summary>
    public const byte I64Extend32S = 0xC4;
    /// <summary><c>ref.null</c></summary>
    public const byte RefNull = 0xD0;
    /// <summary><c>ref.is_null</c></summary>
    public const byte RefIsNull = 0xD1;
    /// <summary><c>ref.func</c></summary>
    public const byte RefFunc = 0xD2;
}

/// <summary>The sub-opcodes (LEB128 u32 after <see cref="Opcode.MiscPrefix"/>) of the 0xFC instructions.</summary>
internal static class MiscOpcode
{
    /// <summary><c>i32.trunc_sat_f32_s</c></summary>
    public const uint I32TruncSatF32S = 0;
    /// <summary><c>i32.trunc_sat_f32_u</c></summary>
    public const uint I32TruncSatF32U = 1;
    /// <summary><c>i32.trunc_sat_f64_s</c></summary>
    public const uint I32TruncSatF64S = 2;
    /// <summary><c>i32.trunc_sat_f64_u</c></summary>
    public const uint I32TruncSatF64U = 3;
    /// <summary><c>i64.trunc_sat_f32_s</c></summary>
    public const uint I64TruncSatF32S = 4;
    /// <summary><c>i64.trunc_sat_f32_u</c></summary>
    public const uint I64TruncSatF32U = 5;
    /// <summary><c>i64.trunc_sat_f64_s</c></summary>
    public const uint I64TruncSatF64S = 6;
    /// <summary><c>i64.trunc_sat_f64_u</c></summary>
    public const uint I64TruncSatF64U = 7;
    /// <summary><c>memory.init</c></summary>
    public const uint MemoryInit = 8;
    /// <summary><c>data.drop</c></summary>
    public const uint DataDrop = 9;
    /// <summary><c>memory.copy</c></summary>
    public const uint MemoryCopy = 10;
    /// <summary><c>memory.fill</c></summary>
    public const uint MemoryFill = 11;
    /// <summary><c>table.init</c></summary>
    public const uint TableInit = 12;
    /// <summary><c>elem.drop</c></summary>
    public const uint ElemDrop = 13;
    /// <summary><c>table.copy</c></summary>
    public const uint TableCopy = 14;
    /// <summary><c>table.grow</c></summary>
    public const uint TableGrow = 15;
    /// <summary><c>table.size</c></summary>
    public const uint TableSize = 16;
    /// <summary><c>table.fill</c></summary>
    public const uint TableFill = 17;
    /// <summary><c>i64.add128</c></summary>
    public const uint I64Add128 = 19;
    /// <summary><c>i64.sub128</c></summary>
    public const uint I64Sub128 = 20;
    /// <summary><c>i64.mul_wide_s</c></summary>
    public const uint I64MulWideS = 21;
    /// <summary><c>i64.mul_wide_u</c></summary>
    public const uint I64MulWideU = 22;
}
