using System.Text;

namespace LlamaCloud.Chat
{
    /// <summary>Shortens text to one readable line for table cells: line breaks become spaces, long text is cut.</summary>
    internal static class TextSummary
    {
        internal const int MaxLength = 200;

        internal static string OneLine(string? text, int max = MaxLength)
        {
            if (string.IsNullOrEmpty(text)) return string.Empty;
            var sb = new StringBuilder(System.Math.Min(text!.Length, max + 1));
            var lastWasSpace = false;
            foreach (var c in text)
            {
                var ch = c == '\r' || c == '\n' || c == '\t' ? ' ' : c;
                if (ch == ' ' && lastWasSpace) continue;
                lastWasSpace = ch == ' ';
                if (sb.Length >= max)
                {
                    // Never leave half of a surrogate pair (an emoji) before the ellipsis.
                    if (char.IsHighSurrogate(sb[sb.Length - 1])) sb.Length--;
                    sb.Append('…');
                    break;
                }
                if (!char.IsControl(ch)) sb.Append(ch);
            }
            return sb.ToString();
        }
    }
}
