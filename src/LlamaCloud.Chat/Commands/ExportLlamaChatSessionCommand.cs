using System;
using System.IO;
using System.Management.Automation;
using System.Text;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// <para type="synopsis">Saves chat sessions as JSON files (one per session, in the API's own shape) for offline analysis and archives.</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "LlamaChatSession", SupportsShouldProcess = true, DefaultParameterSetName = "SessionId")]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportLlamaChatSessionCommand : LlamaCloudCmdlet
    {
        /// <summary>The sessions to save, typically piped from Get-LlamaChatSession. Sessions without loaded events are fetched first.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "Session")]
        // Also in the id set (the default, so that a bare Export-LlamaChatSession prompts for an id): a piped session
        // binds here before its SessionId property does, and is written without being fetched again.
        [Parameter(ValueFromPipeline = true, ParameterSetName = "SessionId", DontShow = true)]
        [ValidateNotNull]
        public ChatSession[] InputObject { get; set; } = Array.Empty<ChatSession>();

        /// <summary>Ids of sessions to fetch and save. Takes strings from the pipeline, and the SessionId property of piped objects.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "SessionId")]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ValidateSessionId]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public string[] SessionId { get; set; } = Array.Empty<string>();

        /// <summary>The folder to write into; created if missing. Each session becomes &lt;session_id&gt;.json.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Overwrite existing files.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Write the created files to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Indent the JSON (larger files, easier to read).</summary>
        [Parameter]
        public SwitchParameter Indented { get; set; }

        private string? _folder;

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            string folder;
            try
            {
                folder = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path, out var provider, out _);
                if (provider.Name != "FileSystem")
                    throw new PSArgumentException($"'{Path}' is not a file system folder (it belongs to the {provider.Name} provider).");
                if (File.Exists(folder))
                    throw new IOException($"'{folder}' is a file; -Path names the folder the sessions are written into.");
            }
            catch (Exception ex) when (ex is PSArgumentException || ex is IOException || ex is ProviderNotFoundException
                || ex is System.Management.Automation.DriveNotFoundException || ex is NotSupportedException)
            {
                // Nothing can be exported without a folder: stop here, once.
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.ExportPathInvalid, ErrorCategory.InvalidArgument, Path));
                return;
            }
            _folder = folder;
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (ParameterSetName == "SessionId" && InputObject.Length == 0)
            {
                foreach (var id in SessionId) Export(null, id);
            }
            else
            {
                foreach (var s in InputObject)
                {
                    if (s != null) Export(s, s.SessionId);
                }
            }
        }

        private void Export(ChatSession? session, string id)
        {
            var file = System.IO.Path.Combine(_folder!, FileNameFor(id));
            if (!ShouldProcess(file, $"Export chat session '{id}'")) return;
            if (File.Exists(file) && !Force)
            {
                WriteError(new ErrorRecord(new IOException($"'{file}' already exists. Use -Force to overwrite it."),
                    ErrorIds.ExportFileExists, ErrorCategory.ResourceExists, file));
                return;
            }
            try
            {
                if (session?.Events == null) session = Await((session == null ? Api : ApiFor(session)).GetSessionAsync(id, StopToken));
            }
            catch (LlamaCloudException ex)
            {
                WriteRequestError(ex, id);
                return;
            }
            // Write beside the target, then move into place: a failure never leaves a partial file behind.
            var temp = file + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp";
            try
            {
                Directory.CreateDirectory(_folder!);
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
                {
                    SessionWriter.Write(stream, session, Indented);
                }
                if (File.Exists(file)) File.Delete(file);
                File.Move(temp, file);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                try { if (File.Exists(temp)) File.Delete(temp); } catch (IOException) { }
                WriteError(new ErrorRecord(ex, ErrorIds.ExportFailed, ErrorCategory.WriteError, file));
                return;
            }
            // Through the provider, so the FileInfo carries PSPath and pipes on like Get-Item's output.
            if (PassThru) WriteObject(InvokeProvider.Item.Get(new[] { file }, false, true), enumerateCollection: true);
        }

        /// <summary>
        /// A file name that stands for the id and nothing else: characters that are unsafe in file names on any
        /// platform (and a leading dot) are percent-encoded, so hostile ids cannot escape the folder.
        /// </summary>
        internal static string FileNameFor(string id)
        {
            var sb = new StringBuilder(id.Length + 5);
            for (var i = 0; i < id.Length; i++)
            {
                var c = id[i];
                var safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || (c == '.' && i > 0);
                if (safe) sb.Append(c);
                else foreach (var b in Encoding.UTF8.GetBytes(c.ToString())) sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            return sb.Append(".json").ToString();
        }
    }
}
