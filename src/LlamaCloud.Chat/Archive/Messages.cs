using System;
using System.Globalization;

namespace LlamaCloud.Chat.Archive
{
    /// <summary>
    /// What the archive layer says to the user: paths that are no session files or no file-system paths, the archive's
    /// index and lock, built here so that the words live in one place (the commands above use the path messages too).
    /// </summary>
    internal static class Messages
    {
        private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.CurrentCulture);

        /// <summary>A path of another provider (a registry key, a variable) where a file or folder is needed.</summary>
        internal static string NotFileSystemPath(string path, string provider) =>
            $"'{path}' is not a file system path (it belongs to the {provider} provider).";

        /// <summary>A literal path that does not exist (PowerShell's own words).</summary>
        internal static string PathNotFound(string path) => $"Cannot find path '{path}' because it does not exist.";

        /// <summary>An archive -Path that names a file.</summary>
        internal static string ArchiveFolderIsFile(string folder) => $"'{folder}' is a file; -Path names the folder the sessions are written into.";

        /// <summary>A file that does not read as a session (why, when the reader said).</summary>
        internal static string NotASessionFile(string file, string? problem = null) =>
            problem == null ? $"'{file}' is not a LlamaCloud chat session file." : $"'{file}' is not a LlamaCloud chat session file: {problem}";

        /// <summary>Why a session file is none: the object has no session_id.</summary>
        internal static string NoSessionId() => "It has no session_id.";

        /// <summary>The warning for an archive index that cannot be read (the folder's files are checked instead).</summary>
        internal static string IndexUnreadable(string path, string problem) =>
            $"The archive index '{path}' cannot be read ({problem}); the files in the folder are checked instead.";

        /// <summary>Why an index is unreadable: it is not an object.</summary>
        internal static string IndexNotAnObject() => "it is not a JSON object";

        /// <summary>Who holds the archive lock: the archive, as the lock's messages name it.</summary>
        internal static string TheArchive() => "The archive";

        /// <summary>A folder still locked by another run after -LockTimeoutSec.</summary>
        internal static string Locked(string what, string folder, string command, string lockFile, TimeSpan waited) =>
            $"{what} '{folder}' is in use by another run of {command} (it holds '{lockFile}' open); waited {Seconds(waited)} s. Try again later, or raise -LockTimeoutSec.";

        /// <summary>-Verbose, once, when a run waits for another to release the lock.</summary>
        internal static string WaitingForLock(string what, TimeSpan timeout) =>
            $"{what} is in use by another run; waiting up to {Seconds(timeout)} s for it to finish.";

        /// <summary>An empty session id given for a file name (a bug in the caller).</summary>
        internal static string SessionIdEmpty() => "A session id is empty.";
    }
}
