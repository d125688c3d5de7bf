using System.IO;
using System.Management.Automation;
using LlamaCloud.Chat.Transcripts;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// <para type="synopsis">Turns chat sessions into readable transcripts (Markdown or self-contained HTML) and writes the text to the pipeline.</para>
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "LlamaChatTranscript", DefaultParameterSetName = SessionIdSet)]
    [OutputType(typeof(string))]
    public sealed class ConvertToLlamaChatTranscriptCommand : TranscriptCommandBase
    {
        /// <summary>Markdown (default) or Html.</summary>
        [Parameter]
        public TranscriptFormat Format { get; set; } = TranscriptFormat.Markdown;

        private protected override ITurnTarget? CreateTarget(string sessionId) => new TextTarget(this);

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            WarnIfImagesIgnored(Format);
            base.BeginProcessing();
        }

        /// <summary>One session's transcript, collected as text and written as one string.</summary>
        private sealed class TextTarget : ITurnTarget
        {
            private readonly ConvertToLlamaChatTranscriptCommand _cmd;
            private readonly StringWriter _text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
            private readonly TranscriptWriter _writer;

            internal TextTarget(ConvertToLlamaChatTranscriptCommand cmd)
            {
                _cmd = cmd;
                _writer = TranscriptWriter.Create(cmd.Format, _text, cmd.TranscriptOptions);
            }

            public void Begin(string sessionId, ChatSession? session) => _writer.Begin(sessionId, session);

            public void Add(ChatTurn turn) => _writer.Turn(turn);

            public void End()
            {
                _writer.End();
                _cmd.WriteObject(_text.ToString());
            }

            public void Abandon() { }
        }
    }
}
