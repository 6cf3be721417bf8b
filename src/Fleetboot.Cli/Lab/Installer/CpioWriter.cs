using System.Text;

namespace Fleetboot.Cli.Lab.Installer;

/// <summary>Writes a cpio archive in the "newc" format the kernel unpacks as its initramfs.</summary>
internal sealed class CpioWriter(Stream output)
{
    private const int DirectoryMode = 0x4000;
    private const int RegularMode = 0x8000;
    private const int CharDeviceMode = 0x2000;
    private const int SymlinkMode = 0xA000;
    private int _inode = 1;

    public void Directory(string path, int permissions = 0x1ED /* 0755 */) =>
        Entry(path, DirectoryMode | permissions, [], 0, 0, 2);

    public void File(string path, byte[] content, int permissions) =>
        Entry(path, RegularMode | permissions, content, 0, 0, 1);

    public void Symlink(string path, string target) =>
        Entry(path, SymlinkMode | 0x1FF, Encoding.UTF8.GetBytes(target), 0, 0, 1);

    public void CharDevice(string path, int major, int minor, int permissions) =>
        Entry(path, CharDeviceMode | permissions, [], major, minor, 1);

    /// <summary>Writes the trailer; the archive is complete after this.</summary>
    public void Finish() => Entry("TRAILER!!!", 0, [], 0, 0, 1, trailer: true);

    private void Entry(string path, int mode, byte[] content, int major, int minor, int links, bool trailer = false)
    {
        var name = Encoding.UTF8.GetBytes(path.TrimStart('/'));
        var header = new StringBuilder("070701");
        void Field(long value) => header.Append(value.ToString("X8", System.Globalization.CultureInfo.InvariantCulture));
        Field(trailer ? 0 : _inode++);
        Field(mode);
        Field(0); // uid
        Field(0); // gid
        Field(links);
        Field(0); // mtime: fixed, so the same inputs give the same archive
        Field(content.Length);
        Field(0); // dev major
        Field(0); // dev minor
        Field(major);
        Field(minor);
        Field(name.Length + 1);
        Field(0); // check
        var headerBytes = Encoding.ASCII.GetBytes(header.ToString());
        output.Write(headerBytes);
        output.Write(name);
        output.WriteByte(0);
        Pad(headerBytes.Length + name.Length + 1);
        output.Write(content);
        Pad(content.Length);
    }

    private void Pad(int length)
    {
        for (var i = length; i % 4 != 0; i++) output.WriteByte(0);
    }
}
