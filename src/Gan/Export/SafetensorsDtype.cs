using static TorchSharp.torch;

namespace WganService.Gan.Export;

/// <summary>A safetensors dtype name ("F32", "I64", …) and its element size in bytes.</summary>
internal readonly record struct SafetensorsDtype(string Name, int Size)
{
    public static SafetensorsDtype Of(ScalarType type) => type switch
    {
        ScalarType.Float64 => new("F64", 8),
        ScalarType.Int64 => new("I64", 8),
        ScalarType.Float32 => new("F32", 4),
        ScalarType.Int32 => new("I32", 4),
        ScalarType.Float16 => new("F16", 2),
        ScalarType.BFloat16 => new("BF16", 2),
        ScalarType.Int16 => new("I16", 2),
        ScalarType.Int8 => new("I8", 1),
        ScalarType.Byte => new("U8", 1),
        ScalarType.Bool => new("BOOL", 1),
        _ => throw new NotSupportedException($"No safetensors dtype for {type}."),
    };
}
