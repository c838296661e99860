namespace WganService.Api.Tests.Hostile;

/// <summary>
/// Values a careless or hostile client sends where a field expects something sane. JSON tokens are
/// raw text, so they can be what no serializer would write (NaN, 1e400, 2^63, deep nesting).
/// </summary>
internal static class HostileValues
{
    private static readonly string[] JsonTokens =
    [
        "null", "true", "false", "0", "-1", "-0", "1.5", "2147483647", "2147483648", "-2147483649",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e308", "-1e308", "1e400", "-1e400",
        "4.9e-324", "1e-400", "NaN", "-Infinity", "Infinity", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e308\"",
        "\"\"", "\" \"", "\"\\u0000\"", "\"\\ud800\"", "\"wgan-gp \"", "\"WGAN-GP\"", "\"wgan_gp\"", "\"0\"", "\"42\"",
        "\"8a6f1f0e-56d4-4c5b-9d7b-0b8c9a3a1f00\"", "\"{8a6f1f0e-56d4-4c5b-9d7b-0b8c9a3a1f00}\"",
        "\"00000000-0000-0000-0000-000000000000\"", "\"../../etc/passwd\"", "\"name:99999999999\"", "\"a:b:c\"", "\":\"",
        "[]", "[1,2,3]", "[null]", "[[]]", "[[1e308,NaN]]", "{}", "{\"a\":1}", "{\"from\":1}", "0x10", "01", "+1", ".5",
    ];

    private static readonly string[] Texts =
    [
        "", " ", "-1", "0", "1", "2147483648", "99999999999999999999", "NaN", "Infinity", "-Infinity", "1e308", "1.5",
        " 5", "5 ", "abc", "true", "null", "%00", "%FF%FE", "\u0000", "\ud83d\ude00", "queued", "QUEUED", "1:2:running",
        "-2:-2:", "1:1:paused", "1:1:1", "::", "best", "final", "safetensors", "json", "00000000-0000-0000-0000-000000000000",
    ];

    /// <summary>A raw JSON token: a hostile scalar, a long string, or deep nesting.</summary>
    public static string JsonToken(Random random) => random.Next(12) switch
    {
        0 => Quote(LongString(random)),
        1 => DeepNesting(random),
        2 => Quote(Text(random)),
        _ => JsonTokens[random.Next(JsonTokens.Length)],
    };

    /// <summary>A hostile query-string, header or route value (unescaped).</summary>
    public static string Text(Random random) => random.Next(10) switch
    {
        0 => LongString(random),
        1 => Guid.NewGuid().ToString(),
        _ => Texts[random.Next(Texts.Length)],
    };

    public static string LongString(Random random)
        => new((char)random.Next('a', 'z' + 1), random.Next(2) == 0 ? 101 : random.Next(1_000, 200_000));

    /// <summary>Nesting past the serializer's depth limit (64) or just under it.</summary>
    public static string DeepNesting(Random random)
    {
        var depth = random.Next(3) switch { 0 => 63, 1 => 65, _ => random.Next(1_000, 100_000) };
        var (open, close) = random.Next(2) == 0 ? ("[", "]") : ("{\"a\":", "}");
        return string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
    }

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
