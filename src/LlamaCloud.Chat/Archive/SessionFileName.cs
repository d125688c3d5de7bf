using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LlamaCloud.Chat.Archive
{
    /// <summary>
    /// The file name a session is archived under: readable, safe on Windows, macOS and Linux, and reversible.
    /// <list type="bullet">
    /// <item>a-z, 0-9, '-' and '_' stay as they are; '.' stays unless it is the id's first or last character.</item>
    /// <item>An upper-case letter A-Z becomes '^' and the letter in lower case (ses-A → ses-^a), so ids that differ
    /// only in case never share a file on case-insensitive file systems (NTFS, APFS).</item>
    /// <item>Every other character, as its UTF-8 bytes, becomes %XX (upper-case hex): spaces, non-ASCII, and all of
    /// &lt;&gt;:"/\|?* and control characters; also a leading or trailing '.', '%', '^' and '~'.</item>
    /// <item>When the part before the first '.' is a Windows device name (CON, PRN, AUX, NUL, COM0-9, LPT0-9), its
    /// first letter is %-encoded too (nul.txt → %6Eul.txt), since Windows ignores extensions on device names.</item>
    /// <item>".json" is appended. A name that would exceed <see cref="MaxStemLength"/> characters is cut and ends in
    /// "~" plus 16 hex digits of the id's SHA-256 (the only names that cannot be decoded; the file still holds the id).</item>
    /// </list>
    /// The output has lower-case letters only outside %XX, so two different ids never give names that differ only in case.
    /// </summary>
    internal static class SessionFileName
    {
        internal const string Extension = ".json";

        /// <summary>Leaves room within the usual 255-byte name limit for ".json" and a temporary-file suffix.</summary>
        internal const int MaxStemLength = 200;

        private static readonly string[] DeviceNames = { "con", "prn", "aux", "nul" };

        internal static string For(string id)
        {
            if (string.IsNullOrEmpty(id)) throw new ArgumentException(Messages.SessionIdEmpty(), nameof(id));
            var sb = new StringBuilder(id.Length + 8);
            var bytes = new byte[4];
            for (var i = 0; i < id.Length; i++)
            {
                var c = id[i];
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || (c == '.' && i > 0 && i < id.Length - 1))
                {
                    sb.Append(c);
                }
                else if (c >= 'A' && c <= 'Z')
                {
                    sb.Append('^').Append((char)(c + 32));
                }
                else
                {
                    // A surrogate pair is one character for UTF-8; a lone surrogate becomes U+FFFD's bytes (ids are text).
                    var length = char.IsHighSurrogate(c) && i + 1 < id.Length && char.IsLowSurrogate(id[i + 1]) ? 2 : 1;
                    var count = Encoding.UTF8.GetBytes(id.ToCharArray(i, length), 0, length, bytes, 0);
                    for (var b = 0; b < count; b++) AppendEscape(sb, bytes[b]);
                    i += length - 1;
                }
            }
            if (IsDeviceStem(sb))
            {
                var first = sb[0];
                sb.Remove(0, 1);
                sb.Insert(0, "%" + ((int)first).ToString("X2", CultureInfo.InvariantCulture));
            }
            if (sb.Length > MaxStemLength)
            {
                sb.Length = MaxStemLength - 17;
                // Never end the cut inside an escape: drop a dangling '%X', '%' or '^'.
                var tail = sb.ToString(sb.Length - 2, 2);
                if (tail[1] == '%' || tail[1] == '^') sb.Length -= 1;
                else if (tail[0] == '%') sb.Length -= 2;
                sb.Append('~').Append(Hash(id));
            }
            return sb.Append(Extension).ToString();
        }

        /// <summary>The id a file name stands for, or null when the name is not one <see cref="For"/> writes (or was cut).</summary>
        internal static string? IdFrom(string fileName)
        {
            if (!fileName.EndsWith(Extension, StringComparison.OrdinalIgnoreCase)) return null;
            var stem = fileName.Substring(0, fileName.Length - Extension.Length);
            var bytes = new System.Collections.Generic.List<byte>(stem.Length);
            for (var i = 0; i < stem.Length; i++)
            {
                var c = stem[i];
                if (c == '%')
                {
                    if (i + 2 >= stem.Length) return null;
                    if (!byte.TryParse(stem.Substring(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b)) return null;
                    bytes.Add(b);
                    i += 2;
                }
                else if (c == '^')
                {
                    if (i + 1 >= stem.Length) return null;
                    var l = char.ToLowerInvariant(stem[i + 1]);
                    if (l < 'a' || l > 'z') return null;
                    bytes.Add((byte)(l - 32));
                    i++;
                }
                else if (c == '~' || c > 127) return null;
                else bytes.Add((byte)char.ToLowerInvariant(c));
            }
            if (bytes.Count == 0) return null;
            try
            {
                return new UTF8Encoding(false, true).GetString(bytes.ToArray());
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        private static void AppendEscape(StringBuilder sb, byte b) =>
            sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));

        private static bool IsDeviceStem(StringBuilder sb)
        {
            var dot = -1;
            for (var i = 0; i < sb.Length; i++) { if (sb[i] == '.') { dot = i; break; } }
            var stem = (dot < 0 ? sb.ToString() : sb.ToString(0, dot));
            if (stem.Length == 3) return Array.IndexOf(DeviceNames, stem) >= 0;
            return stem.Length == 4 && (stem.StartsWith("com", StringComparison.Ordinal) || stem.StartsWith("lpt", StringComparison.Ordinal))
                && stem[3] >= '0' && stem[3] <= '9';
        }

        private static string Hash(string id)
        {
            using var sha = SHA256.Create();
            var h = sha.ComputeHash(Encoding.UTF8.GetBytes(id));
            var sb = new StringBuilder(16);
            for (var i = 0; i < 8; i++) sb.Append(h[i].ToString("x2", CultureInfo.InvariantCulture));
            return sb.ToString();
        }
    }
}
