using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace WganService.Api.Jobs;

/// <summary>An opaque keyset cursor for "newest first": the last item's creation time and id.</summary>
public readonly record struct JobCursor(DateTimeOffset CreatedAt, Guid Id)
{
    public override string ToString() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{Id:N}"));

    public static bool TryParse(string? text, out JobCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text)) return false;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split(':');
            if (parts.Length != 2 || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ticks)
                || !Guid.TryParseExact(parts[1], "N", out var id) || ticks < 0 || ticks > DateTimeOffset.MaxValue.UtcTicks)
                return false;
            cursor = new JobCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
