using System.Text;

namespace LlamaCloud.Chat.Transcripts
{
    /// <summary>Text as HTML character data or a quoted attribute value: markup characters become entities.</summary>
    internal static class HtmlText
    {
        internal static StringBuilder AppendEscaped(this StringBuilder sb, string? text)
        {
            if (string.IsNullOrEmpty(text)) return sb;
            foreach (var c in text!)
            {
                switch (c)
                {
                    case '&': sb.Append("&amp;"); break;
                    case '<': sb.Append("&lt;"); break;
                    case '>': sb.Append("&gt;"); break;
                    case '"': sb.Append("&quot;"); break;
                    case '\'': sb.Append("&#39;"); break;
                    case '\0': sb.Append('\uFFFD'); break;
                    default: sb.Append(c); break;
                }
            }
            return sb;
        }
    }
}
