using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace LlamaCloud.Chat.Transcripts
{
    /// <summary>
    /// A self-contained HTML transcript: no external scripts, styles, fonts or images; every piece of session content
    /// HTML-escaped; a Content-Security-Policy that allows no script at all and only this page's own style sheet
    /// (by its hash). Reasoning and tool I/O fold into &lt;details&gt;. Printable: folded parts print open.
    /// </summary>
    internal sealed class HtmlTranscriptWriter : TranscriptWriter
    {
        private const string Style =
            "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2328;background:#fff}" +
            "h1{font-size:1.6rem;margin-bottom:.25rem}h2{font-size:1.2rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}" +
            ".meta,.usage,.note,.totals{color:#59636e;font-size:.9rem}.label{font-weight:600;margin:.8rem 0 .2rem}" +
            ".text{white-space:pre-wrap;overflow-wrap:anywhere}.prompt .text{background:#f6f8fa;border-left:4px solid #0969da;padding:.5rem .75rem}" +
            ".error{color:#d1242f;font-weight:600}details{border:1px solid #d0d7de;border-radius:6px;padding:.3rem .75rem;margin:.5rem 0}" +
            "summary{cursor:pointer}pre{background:#f6f8fa;padding:.5rem;overflow-x:auto;white-space:pre-wrap;overflow-wrap:anywhere;font:13px/1.4 ui-monospace,Menlo,Consolas,monospace}" +
            "code{font-family:ui-monospace,Menlo,Consolas,monospace}figure.attachment{margin:.5rem 0}figure.attachment img{max-width:100%;height:auto;border:1px solid #d0d7de}" +
            "@media print{body{margin:0;max-width:none}details{border:none;padding:0}details::details-content{content-visibility:visible;display:contents}summary{list-style:none}}";

        // The policy names the style sheet by hash: nothing else on the page can style, script, load or submit anything.
        // With images, img-src allows data: URIs only (the embedded attachments), never a URL.
        private static string PolicyFor(bool images) => "default-src 'none'; script-src 'none'; style-src 'sha256-" + Sha256(Style)
            + "'; img-src " + (images ? "data:" : "'none'") + "; font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'";

        private static readonly string Policy = PolicyFor(false);
        private static readonly string ImagePolicy = PolicyFor(true);

        private readonly StringBuilder _sb = new StringBuilder(4096);

        internal HtmlTranscriptWriter(TextWriter output, TranscriptOptions options) : base(output, options) { }

        /// <summary>The Content-Security-Policy the page carries (without -IncludeImages).</summary>
        internal static string ContentSecurityPolicy => Policy;

        /// <summary>The Content-Security-Policy of a page with embedded images.</summary>
        internal static string ContentSecurityPolicyWithImages => ImagePolicy;

        internal override void Begin(string sessionId, ChatSession? session)
        {
            var title = Flat(TitleOf(sessionId, session));
            _sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(Options.Images != null ? ImagePolicy : Policy).Append("\">\n")
                .Append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .Append("<meta name=\"generator\" content=\"LlamaCloud.Chat Export-LlamaChatTranscript\">\n")
                .Append("<title>").AppendEscaped(title).Append("</title>\n")
                .Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n<header>\n<h1>").AppendEscaped(title).Append("</h1>\n")
                .Append("<p class=\"meta\">Session <code class=\"session-id\">").AppendEscaped(Flat(sessionId)).Append("</code>");
            var updated = UpdatedOf(session);
            if (updated != null) _sb.Append(" · last updated ").Append(updated);
            if (session?.IndexIds != null && session.IndexIds.Count > 0)
            {
                _sb.Append(" · indexes ");
                for (var i = 0; i < session.IndexIds.Count; i++)
                {
                    if (i > 0) _sb.Append(", ");
                    _sb.Append("<code>").AppendEscaped(Flat(session.IndexIds[i])).Append("</code>");
                }
            }
            _sb.Append("</p>\n</header>\n<main>\n");
            Flush();
        }

        private protected override void WriteTurn(ChatTurn turn)
        {
            _sb.Append("<section class=\"turn\" id=\"turn-").Append(turn.Number).Append("\">\n<h2>Turn ").Append(N(turn.Number)).Append("</h2>\n");
            if (turn.Prompt != null)
                _sb.Append("<div class=\"prompt\"><div class=\"label\">Prompt</div><div class=\"text\">").AppendEscaped(Lines(turn.Prompt)).Append("</div></div>\n");
            if (Options.IncludeThinking && turn.Thinking.Length > 0)
                _sb.Append("<details class=\"thinking\"><summary>Thinking</summary><div class=\"text\">").AppendEscaped(Lines(turn.Thinking)).Append("</div></details>\n");
            for (var i = 0; i < turn.ToolCalls.Count; i++) WriteCall(turn.ToolCalls[i], i + 1, turn.ToolCalls.Count);
            if (turn.Answer.Length > 0)
                _sb.Append("<div class=\"answer\"><div class=\"label\">Answer</div><div class=\"text\">").AppendEscaped(Lines(turn.Answer)).Append("</div></div>\n");
            if (turn.IsError)
                _sb.Append("<p class=\"error\">Error: ").AppendEscaped(Lines(turn.Error ?? "(no message)")).Append("</p>\n");
            if (turn.Usage != null) _sb.Append("<p class=\"usage\">Usage: ").AppendEscaped(UsageLine(turn.Usage)).Append("</p>\n");
            if (turn.SkippedIndexIds.Count > 0)
            {
                _sb.Append("<p class=\"note skipped\">").Append(SkippedLabel).Append(": ");
                for (var i = 0; i < turn.SkippedIndexIds.Count; i++)
                    _sb.Append(i == 0 ? string.Empty : ", ").Append("<code>").AppendEscaped(Flat(turn.SkippedIndexIds[i])).Append("</code>");
                _sb.Append("</p>\n");
            }
            if (!turn.IsComplete) _sb.Append("<p class=\"note\">").Append(UnfinishedNote).Append("</p>\n");
            _sb.Append("</section>\n");
            Flush();
        }

        internal override void End()
        {
            _sb.Append("</main>\n<footer>\n<p class=\"totals\">").AppendEscaped(TotalsLine()).Append("</p>\n</footer>\n</body>\n</html>\n");
            Flush();
        }

        private void WriteCall(ChatToolCall call, int n, int of)
        {
            _sb.Append("<details class=\"tool\"><summary>Tool call ").Append(n).Append(" of ").Append(of).Append(": <code class=\"tool-name\">")
                .AppendEscaped(ToolName(call)).Append("</code>");
            if (!string.IsNullOrEmpty(call.CallId)) _sb.Append(" · call id <code>").AppendEscaped(Flat(call.CallId)).Append("</code>");
            if (!call.HasResult) _sb.Append(" · no result");
            _sb.Append("</summary>\n");
            if (call.HasCall)
                _sb.Append("<div class=\"label\">Arguments</div><pre class=\"arguments\">").AppendEscaped(ArgumentsText(call).Text).Append("</pre>\n");
            else
                _sb.Append("<p class=\"note\">A result without a matching call.</p>\n");
            if (call.HasResult && Options.IncludeToolOutput)
            {
                var result = ResultText(call);
                _sb.Append("<div class=\"label\">Result</div><pre class=\"result\">").AppendEscaped(result.Text).Append("</pre>\n");
                if (result.LeftOut > 0) _sb.Append("<p class=\"note cut\">").AppendEscaped(result.CutNote()).Append("</p>\n");
            }
            if (call.HasResult && call.ImageAttachment != null)
            {
                _sb.Append("<p class=\"note\">Image attachment <code>").AppendEscaped(Flat(call.ImageAttachment.AttachmentName))
                    .Append("</code> from source <code>").AppendEscaped(Flat(call.ImageAttachment.SourceId)).Append("</code></p>\n");
                if (Options.Images != null) WriteImage(call.ImageAttachment);
            }
            _sb.Append("</details>\n");
        }

        /// <summary>The attachment as a data: URI of the type its bytes show; a note instead when it cannot be had.</summary>
        private void WriteImage(ImageAttachment attachment)
        {
            var image = Options.Images!(attachment);
            var type = image.Bytes == null ? null : EmbeddedImage.Sniff(image.Bytes);
            if (type == null)
            {
                _sb.Append("<p class=\"note image-missing\">The image could not be embedded: ")
                    .AppendEscaped(Flat(image.Problem ?? "its bytes are not a PNG, JPEG, GIF or WebP image")).Append("</p>\n");
                return;
            }
            _sb.Append("<figure class=\"attachment\"><img alt=\"").AppendEscaped(Flat(attachment.AttachmentName)).Append("\" src=\"data:")
                .Append(type).Append(";base64,").Append(Convert.ToBase64String(image.Bytes!)).Append("\"></figure>\n");
        }

        private void Flush()
        {
            Output.Write(_sb.ToString());
            _sb.Clear();
            if (_sb.Capacity > 1 << 20) _sb.Capacity = 4096;
        }

        private static string Sha256(string text)
        {
            using var sha = SHA256.Create();
            return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(text)));
        }
    }
}
