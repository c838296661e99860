using System.Text;
using WganService.Domain.Jobs;

namespace WganService.Api.Jobs;

/// <summary>Names for a job's downloads, worded once so every download of one job is recognisably its own.</summary>
internal static class JobFileNames
{
    /// <summary>The job's name reduced to characters safe in any file system ("8gaussians-wgan-gp"), else its id.</summary>
    public static string Stem(Job job)
    {
        var stem = new StringBuilder(job.Name.Length);
        foreach (var c in job.Name) stem.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-');
        var trimmed = stem.ToString().Trim('-', '.');
        return trimmed.Length > 0 ? trimmed : job.Id.ToString();
    }

    /// <summary>
    /// The stem with the start of the id: jobs share default names ("8gaussians-wgan-gp"), and two runs
    /// unpacked into one folder under the same name would be merged into one by TensorBoard.
    /// </summary>
    public static string UniqueStem(Job job) => $"{Stem(job)}-{job.Id.ToString("N")[..8]}";
}
