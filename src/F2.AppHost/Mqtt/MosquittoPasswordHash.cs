using System.Security.Cryptography;
using System.Text;

namespace F2.AppHost.Mqtt;

/// <summary>
/// A password-file line in Mosquitto 2's PBKDF2-SHA512 format (<c>user:$7$101$salt$hash</c>, what
/// <c>mosquitto_passwd</c> writes). Container mode hashes in-process: a Docker host need not have Mosquitto installed.
/// </summary>
internal static class MosquittoPasswordHash
{
    private const int Iterations = 101;

    public static string Line(string user, string password)
    {
        var salt = RandomNumberGenerator.GetBytes(12);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA512, 64);
        return $"{user}:$7${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}\n";
    }
}
