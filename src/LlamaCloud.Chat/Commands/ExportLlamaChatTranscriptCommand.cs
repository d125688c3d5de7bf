using System;
using System.IO;
using System.Management.Automation;
using System.Text;
using LlamaCloud.Chat.Archive;
using LlamaCloud.Chat.Redaction;
using LlamaCloud.Chat.Transcripts;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// <para type="synopsis">Writes chat sessions as readable transcripts: GitHub-flavoured Markdown, or one self-contained HTML page that runs no script.</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "LlamaChatTranscript", SupportsShouldProcess = true, DefaultParameterSetName = SessionIdSet)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportLlamaChatTranscriptCommand : TranscriptCommandBase
    {
        private static readonly UTF8Encoding Utf8NoBom = new UTF8Encoding(false);
        private string? _folder;
        private string? _file;
        private string? _fileTakenBy;
        private TranscriptFormat _format;

        /// <summary>A file (one session; its extension, .md or .html, gives the format unless -Format does) or a folder
        /// (created if missing; each session becomes a .md or .html file named as Export-LlamaChatSession names its JSON files). A path without an extension, an
        /// existing folder or a path ending in a separator is a folder.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Markdown or Html. Default: from the file's extension; Markdown for a folder.</summary>
        [Parameter]
        public TranscriptFormat Format { get; set; }

        /// <summary>Overwrite existing files.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Write the created files to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            TranscriptFormat? given = MyInvocation.BoundParameters.ContainsKey(nameof(Format)) ? Format : (TranscriptFormat?)null;
            try
            {
                var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path, out var provider, out _);
                if (provider.Name != "FileSystem")
                    throw new PSArgumentException(Archive.Messages.NotFileSystemPath(Path, provider.Name));
                var endsWithSeparator = Path.EndsWith("/", StringComparison.Ordinal) || Path.EndsWith("\\", StringComparison.Ordinal);
                var extension = System.IO.Path.GetExtension(full);
                if (Directory.Exists(full) || endsWithSeparator || (extension.Length == 0 && !File.Exists(full)))
                {
                    _folder = full;
                    _format = given ?? TranscriptFormat.Markdown;
                }
                else
                {
                    _file = full;
                    _format = given ?? FormatOf(extension)
                        ?? throw new PSArgumentException(Messages.TranscriptExtensionUnknown(Path, extension));
                }
            }
            catch (Exception ex) when (ex is PSArgumentException || ex is IOException || ex is ProviderNotFoundException
                || ex is System.Management.Automation.DriveNotFoundException || ex is NotSupportedException)
            {
                // Nothing can be written without a place to write it: stop here, once.
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.TranscriptPathInvalid, ErrorCategory.InvalidArgument, Path));
                return;
            }
            WarnIfImagesIgnored(_format);
            base.BeginProcessing();
        }

        private static TranscriptFormat? FormatOf(string extension)
        {
            switch (extension.ToUpperInvariant())
            {
                case ".MD":
                case ".MARKDOWN": return TranscriptFormat.Markdown;
                case ".HTML":
                case ".HTM": return TranscriptFormat.Html;
                default: return null;
            }
        }

        private protected override ITurnTarget? CreateTarget(string sessionId, SessionRedaction? redaction)
        {
            var file = _file ?? System.IO.Path.Combine(_folder!, FileNameFor(sessionId, _format));
            if (_file != null && _fileTakenBy != null)
            {
                WriteError(new ErrorRecord(new InvalidOperationException(
                    Messages.TranscriptFileTaken(_file, _fileTakenBy)),
                    ErrorIds.TranscriptOneFile, ErrorCategory.InvalidOperation, sessionId));
                return null;
            }
            if (!ShouldProcess(file, Messages.WriteTranscriptAction(sessionId))) return null;
            if (File.Exists(file) && !Force)
            {
                WriteError(new ErrorRecord(new IOException(Messages.FileExists(file)),
                    ErrorIds.TranscriptFileExists, ErrorCategory.ResourceExists, file));
                return null;
            }
            if (_file != null) _fileTakenBy = sessionId;
            return new FileTarget(this, file, redaction);
        }

        /// <summary>The id as a file name (safe on every platform and reversible, as Export-LlamaChatSession names its files: see SessionFileName).</summary>
        internal static string FileNameFor(string sessionId, TranscriptFormat format)
        {
            var json = SessionFileName.For(sessionId);
            return json.Substring(0, json.Length - ".json".Length) + (format == TranscriptFormat.Html ? ".html" : ".md");
        }

        /// <summary>
        /// One transcript file, written beside its target and moved into place when complete: a failure, Ctrl+C or
        /// an unreadable session never leaves a partial transcript behind.
        /// </summary>
        private sealed class FileTarget : ITurnTarget
        {
            private readonly ExportLlamaChatTranscriptCommand _cmd;
            private readonly string _file;
            private readonly string _temp;
            private StreamWriter? _stream;
            private TranscriptWriter? _writer;
            private readonly SessionRedaction? _redaction;
            private bool _failed;

            internal FileTarget(ExportLlamaChatTranscriptCommand cmd, string file, SessionRedaction? redaction)
            {
                _cmd = cmd;
                _redaction = redaction;
                _file = file;
                _temp = file + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp";
            }

            public void Begin(string sessionId, ChatSession? session) => Guard(() =>
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(_file)!);
                _stream = new StreamWriter(new FileStream(_temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024), Utf8NoBom) { NewLine = "\n" };
                _writer = TranscriptWriter.Create(_cmd._format, _stream, _cmd.TranscriptOptions);
                _writer.Begin(sessionId, session);
            });

            public void Add(ChatTurn turn) => Guard(() => _writer!.Turn(turn));

            public void End()
            {
                Guard(() =>
                {
                    _writer!.End();
                    _stream!.Dispose();
                    _stream = null;
                    // Atomic: the old transcript stays until the new one takes its place.
                    if (File.Exists(_file)) File.Replace(_temp, _file, null);
                    else File.Move(_temp, _file);
                });
                if (_failed) return;
                // Through the provider, so the FileInfo carries PSPath and pipes on like Get-Item's output.
                if (!_cmd.PassThru) return;
                foreach (var item in _cmd.InvokeProvider.Item.Get(new[] { _file }, false, true))
                    _cmd.WriteObject(_redaction == null ? item : WithRedaction(item, _redaction.Tally));
            }

            public void Abandon() => Discard();

            private void Guard(Action action)
            {
                if (_failed) return;
                try
                {
                    action();
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    _failed = true;
                    Discard();
                    _cmd.WriteError(new ErrorRecord(ex, ErrorIds.TranscriptWriteFailed, ErrorCategory.WriteError, _file));
                }
                catch
                {
                    // Ctrl+C or a downstream stop while writing: no partial file stays behind.
                    Discard();
                    throw;
                }
            }

            private void Discard()
            {
                try
                {
                    _stream?.Dispose();
                    _stream = null;
                    if (File.Exists(_temp)) File.Delete(_temp);
                }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
        }
    }
}
