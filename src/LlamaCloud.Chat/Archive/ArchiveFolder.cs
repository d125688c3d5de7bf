using System;
using System.IO;
using System.Management.Automation;

namespace LlamaCloud.Chat.Archive
{
    /// <summary>Resolves the folder Export-LlamaChatSession and Sync-LlamaChatArchive write into.</summary>
    internal static class ArchiveFolder
    {
        /// <summary>The file-system path of <paramref name="path"/>; a terminating error when it cannot be a folder.</summary>
        internal static string Resolve(PSCmdlet cmdlet, string path)
        {
            try
            {
                var folder = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
                if (provider.Name != "FileSystem")
                    throw new PSArgumentException(Messages.NotFileSystemPath(path, provider.Name));
                if (File.Exists(folder))
                    throw new IOException(Messages.ArchiveFolderIsFile(folder));
                return folder;
            }
            catch (Exception ex) when (ex is PSArgumentException || ex is IOException || ex is ProviderNotFoundException
                || ex is System.Management.Automation.DriveNotFoundException || ex is NotSupportedException)
            {
                // Nothing can be written without a folder: stop here, once.
                cmdlet.ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.ExportPathInvalid, ErrorCategory.InvalidArgument, path));
                throw;
            }
        }
    }
}
