using System.Text;

namespace LlamaCloud.Chat.Transcripts
{
    /// <summary>
    /// Text made inert for GitHub-flavoured Markdown: shown exactly as written, never read as structure, links,
    /// images, HTML, emphasis, tables or mentions. Block structure is decided per line before inline parsing, so
    /// every line is escaped on its own and line breaks are kept as explicit hard breaks.
    /// </summary>
    internal static class MarkdownText
    {
        // Every character that starts inline syntax in CommonMark or GFM (code, emphasis, strikethrough, links,
        // images via '[', raw HTML and autolinks via '<', entities via '&'), plus '#' (headings, issue links),
        // '|' (tables), '@' (mentions, e-mail autolinks), '$' (math) and '\' itself. All are ASCII punctuation, so
        // "\x" is always a valid escape that renders as x. Also escaped: a ':' that something follows at once (bare
        // URLs such as https://x or mailto:x become links; :shortcodes: become emoji images on GitHub), and a '.'
        // after "www" ("www.x" becomes a link). "Note: text" keeps its colon as it is.
        private const string Special = "\\`*_[]<>#|~&@$!";

        /// <summary>Paragraphs of escaped text; each line ends in a hard break, blank lines separate paragraphs.
        /// With a <paramref name="prefix"/> (such as "&gt; ") every output line starts with it.</summary>
        internal static void AppendBlock(StringBuilder sb, string text, string prefix = "")
        {
            var lines = text.Split('\n');
            var end = lines.Length;
            while (end > 0 && IsBlank(lines[end - 1])) end--; // no trailing empty paragraphs
            var start = 0;
            while (start < end && IsBlank(lines[start])) start++;
            for (var i = start; i < end; i++)
            {
                if (IsBlank(lines[i]))
                {
                    if (!IsBlank(lines[i - 1])) sb.Append(prefix.TrimEnd()).Append('\n');
                    continue;
                }
                sb.Append(prefix);
                AppendLine(sb, lines[i]);
                // A backslash before the line break is a hard break: the text keeps its lines.
                if (i + 1 < end && !IsBlank(lines[i + 1])) sb.Append('\\');
                sb.Append('\n');
            }
        }

        /// <summary>One line of escaped text (the caller guarantees it has no line breaks).</summary>
        internal static void AppendLine(StringBuilder sb, string line)
        {
            var i = 0;
            // Leading indentation would make an indented code block; keep it visible as no-break spaces.
            for (; i < line.Length && (line[i] == ' ' || line[i] == '\t'); i++) sb.Append(line[i] == ' ' ? "&nbsp;" : "&nbsp;&nbsp;&nbsp;&nbsp;");
            // Markers that only mean something at the start of a line: lists, block quotes, setext underlines.
            if (i < line.Length && (line[i] == '-' || line[i] == '+' || line[i] == '=' || line[i] == '>'))
            {
                sb.Append('\\').Append(line[i]);
                i++;
            }
            else
            {
                var d = i;
                while (d < line.Length && d - i < 10 && line[d] >= '0' && line[d] <= '9') d++;
                if (d > i && d < line.Length && (line[d] == '.' || line[d] == ')')
                    && (d + 1 == line.Length || line[d + 1] == ' ' || line[d + 1] == '\t'))
                {
                    sb.Append(line, i, d - i).Append('\\').Append(line[d]); // "1." would start an ordered list
                    i = d + 1;
                }
            }
            for (; i < line.Length; i++)
            {
                var c = line[i];
                if (Special.IndexOf(c) >= 0 || (c == '.' && AfterWww(line, i))
                    || (c == ':' && i + 1 < line.Length && line[i + 1] != ' ' && line[i + 1] != '\t')) sb.Append('\\');
                sb.Append(c);
            }
        }

        /// <summary>An inline code span that shows <paramref name="text"/> verbatim, whatever backticks it holds.</summary>
        internal static string CodeSpan(string text)
        {
            if (text.Length == 0) return "` `";
            var fence = new string('`', LongestRun(text, '`') + 1);
            var pad = text[0] == '`' || text[text.Length - 1] == '`' || text[0] == ' ' ? " " : string.Empty;
            return fence + pad + text + pad + fence;
        }

        /// <summary>A fenced code block longer than any backtick run inside, so no line of the text can close it.</summary>
        internal static void AppendFenced(StringBuilder sb, string text, string info)
        {
            var fence = new string('`', System.Math.Max(3, LongestRun(text, '`') + 1));
            sb.Append(fence).Append(info).Append('\n');
            sb.Append(text);
            if (text.Length > 0 && text[text.Length - 1] != '\n') sb.Append('\n');
            sb.Append(fence).Append('\n');
        }

        internal static int LongestRun(string text, char c)
        {
            int longest = 0, run = 0;
            foreach (var ch in text)
            {
                run = ch == c ? run + 1 : 0;
                if (run > longest) longest = run;
            }
            return longest;
        }

        private static bool AfterWww(string line, int i) =>
            i >= 3 && (line[i - 1] | 0x20) == 'w' && (line[i - 2] | 0x20) == 'w' && (line[i - 3] | 0x20) == 'w';

        private static bool IsBlank(string line)
        {
            foreach (var c in line)
            {
                if (c != ' ' && c != '\t') return false;
            }
            return true;
        }
    }
}
