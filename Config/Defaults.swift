/// The shipped defaults from Config/, embedded at build time.
public enum ShippedDefaults {
    /// Config/hotline.json: the default configuration.
    public static var configurationJSON: [UInt8] { PackageResources.hotline_json }
    /// Config/regions.json: the regions generated from Debian's iso-codes.
    public static var regionsJSON: [UInt8] { PackageResources.regions_json }
}
