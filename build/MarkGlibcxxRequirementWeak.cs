using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Sets VER_FLG_WEAK on one GLIBCXX version requirement in every libLibTorchSharp.so under a folder,
/// when this host's libstdc++ does not provide that version. See TorchSharpNatives.targets.
/// </summary>
public class MarkGlibcxxRequirementWeak : Task
{
    private const uint SectionTypeGnuVerneed = 0x6ffffffe;
    private const ushort VersionFlagWeak = 0x2;

    private static readonly string[] LibStdCxxCandidates =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib/aarch64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
    };

    [Required] public string Directory { get; set; } = "";
    [Required] public string Version { get; set; } = "";

    public override bool Execute()
    {
        if (!System.IO.Directory.Exists(Directory)) return true;
        var libStdCxx = LibStdCxxCandidates.FirstOrDefault(File.Exists);
        if (libStdCxx is null || Contains(File.ReadAllBytes(libStdCxx), Encoding.ASCII.GetBytes(Version + "\0")))
            return true; // The host provides the version (or is not a glibc host): nothing to do.

        foreach (var shim in System.IO.Directory.EnumerateFiles(Directory, "libLibTorchSharp.so", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(shim);
            if (!MarkWeak(bytes, Version)) continue;
            var temporary = shim + ".patching";
            File.WriteAllBytes(temporary, bytes);
            File.Delete(shim); // Unlinks: a hard link to the NuGet cache keeps the original bytes.
            File.Move(temporary, shim);
            Log.LogMessage(MessageImportance.High, $"Marked {Version} weak in {shim} (host libstdc++ lacks it).");
        }
        return !Log.HasLoggedErrors;
    }

    /// <summary>Returns true when the flag was set now (false if absent or already weak).</summary>
    private bool MarkWeak(byte[] elf, string version)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[4] != 2 || elf[5] != 1)
        {
            Log.LogWarning($"Not a little-endian ELF64 file; left as is.");
            return false;
        }
        var sectionHeaders = (int)BitConverter.ToUInt64(elf, 0x28);
        int entrySize = BitConverter.ToUInt16(elf, 0x3A), count = BitConverter.ToUInt16(elf, 0x3C);
        for (var i = 0; i < count; i++)
        {
            var header = sectionHeaders + i * entrySize;
            if (BitConverter.ToUInt32(elf, header + 4) != SectionTypeGnuVerneed) continue;
            var strings = sectionHeaders + (int)BitConverter.ToUInt32(elf, header + 40) * entrySize;
            var stringTable = (int)BitConverter.ToUInt64(elf, strings + 24);
            var need = (int)BitConverter.ToUInt64(elf, header + 24);
            for (var n = 0; n < (int)BitConverter.ToUInt32(elf, header + 44); n++)
            {
                var aux = need + (int)BitConverter.ToUInt32(elf, need + 8);
                for (var a = 0; a < BitConverter.ToUInt16(elf, need + 2); a++)
                {
                    if (ReadString(elf, stringTable + (int)BitConverter.ToUInt32(elf, aux + 8)) == version)
                    {
                        var flags = BitConverter.ToUInt16(elf, aux + 4);
                        if ((flags & VersionFlagWeak) != 0) return false;
                        BitConverter.GetBytes((ushort)(flags | VersionFlagWeak)).CopyTo(elf, aux + 4);
                        return true;
                    }
                    aux += (int)BitConverter.ToUInt32(elf, aux + 12);
                }
                need += (int)BitConverter.ToUInt32(elf, need + 12);
            }
        }
        return false;
    }

    private static string ReadString(byte[] bytes, int offset)
    {
        var end = Array.IndexOf(bytes, (byte)0, offset);
        return Encoding.ASCII.GetString(bytes, offset, end - offset);
    }

    private static bool Contains(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            var j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return true;
        }
        return false;
    }
}
