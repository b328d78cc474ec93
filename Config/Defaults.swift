/// The shipped defaults from Config/, embedded at build time.
public enum ShippedDefaults {
    /// Config/hotline.json: the default configuration.
    public static var configurationJSON: [UInt8] { PackageResources.hotline_json }
    /// Config/regions.json: the regions generated from Debian's iso-codes.
    public static var regionsJSON: [UInt8] { PackageResources.regions_json }
    /// Config/messages.ru.json: the Russian wording of every message.
    public static var messagesRussianJSON: [UInt8] { PackageResources.messages_ru_json }
    /// Config/messages.uk.json: the Ukrainian wording of every message.
    public static var messagesUkrainianJSON: [UInt8] { PackageResources.messages_uk_json }
}
