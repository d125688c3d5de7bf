using System;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Serialization;

namespace LlamaCloud.Chat.Archive
{
    /// <summary>
    /// The one writer behind Export-LlamaChatSession and Sync-LlamaChatArchive. A session's response bytes go
    /// straight from the network into a temporary file beside the target (re-indented on the way with -Indented),
    /// read as a session while they pass, so a body that is not one is never kept. <see cref="StagedSessionFile.Commit"/>
    /// then replaces the target in one rename: the target is always the old file or the complete new one.
    /// </summary>
    internal sealed class SessionFileWriter
    {
        private const int FileBuffer = 64 * 1024;

        // ".<target>.<8 hex>.tmp": hidden on Unix, never matched by *.json, recognisable as ours when a killed run left it.
        private static readonly Regex TempName = new Regex(@"^\..+\.(json|index)\.[0-9a-f]{8}\.tmp$", RegexOptions.CultureInvariant);

        internal SessionFileWriter(string folder, bool indented)
        {
            Folder = folder;
            Indented = indented;
        }

        internal string Folder { get; }

        internal bool Indented { get; }

        /// <summary>The target file of a session id (see <see cref="SessionFileName"/>).</summary>
        internal string PathFor(string id) => Path.Combine(Folder, SessionFileName.For(id));

        /// <summary>Downloads the session into a temporary file; the caller commits or discards it.</summary>
        internal async Task<StagedSessionFile> StageAsync(ChatApi api, string id, CancellationToken cancellationToken)
        {
            var target = PathFor(id);
            Directory.CreateDirectory(Folder);
            var temp = Path.Combine(Folder, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileBuffer);
            try
            {
                var session = await api.CopySessionAsync(id, () =>
                {
                    // Each attempt starts the file over: a retry after a broken connection re-sends the whole body.
                    file.SetLength(0);
                    file.Position = 0;
                    return Indented ? new JsonReindenter(file) : (Stream)file;
                }, cancellationToken).ConfigureAwait(false);
                // On disk before the rename: a crash right after it must not leave an empty file under the real name.
                file.Flush(true);
                var length = file.Length;
                file.Dispose();
                return new StagedSessionFile(id, target, temp, session, length);
            }
            catch
            {
                file.Dispose();
                TryDelete(temp);
                throw;
            }
        }

        /// <summary>Removes temporary files a killed run left behind. Only for a caller that holds the folder's lock.</summary>
        internal static int RemoveLeftovers(string folder)
        {
            var removed = 0;
            if (!Directory.Exists(folder)) return 0;
            foreach (var path in Directory.EnumerateFiles(folder, ".*.tmp"))
            {
                if (!TempName.IsMatch(Path.GetFileName(path))) continue;
                if (TryDelete(path)) removed++;
            }
            return removed;
        }

        internal static bool TryDelete(string path)
        {
            try
            {
                if (!File.Exists(path)) return false;
                File.Delete(path);
                return true;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return false;
            }
        }

        /// <summary>Moves <paramref name="source"/> onto <paramref name="target"/> in one step (rename), replacing it if present.</summary>
        internal static void Replace(string source, string target)
        {
            if (File.Exists(target))
            {
                try
                {
                    // rename(2) on Unix, ReplaceFile on Windows: no moment without a complete target.
                    File.Replace(source, target, null, ignoreMetadataErrors: true);
                    return;
                }
                catch (FileNotFoundException) when (File.Exists(source) && !File.Exists(target))
                {
                    // The target went away in between: a plain move does.
                }
            }
            File.Move(source, target);
        }
    }
}
