namespace LlamaCloud.Chat.Module
{
    /// <summary>What the module says at import, built here so that the words live in one place.</summary>
    internal static class Messages
    {
        /// <summary>Import on a PowerShell whose runtime cannot run the module (PowerShell 7.0-7.3).</summary>
        internal static string RuntimeUnsupported(string supported, string frameworkDescription) =>
            $"LlamaCloud.Chat needs {supported}. This PowerShell runs on {frameworkDescription} "
            + "(PowerShell 7.3 or earlier), whose System.Text.Json is older than 8.0. Install PowerShell 7.4 or later (https://aka.ms/powershell), or use Windows PowerShell 5.1.";
    }
}
