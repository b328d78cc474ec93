import HotlineCore

/// `POST /v1/sessions`.
struct SignInBody: Decodable {
    var `operator`: String
    var password: String
    /// The authenticator app's code, for an operator who enrolled one (`operator totp`).
    var totp: String?
}

/// `POST /v1/inquiries`: the CLI's `inquiry log` options, in camelCase.
struct InquiryBody: Decodable {
    var person: String?
    var born: String?
    var region: String?
    var unit: String?
    var serviceNumber: String?
    var inquirer: String
    var relationship: String
    var channel: String
    var contacts: [String]?
    var note: String?
    var `case`: String?
    var newCase: Bool?

    func draft() throws -> InquiryDraft {
        if newCase == true && `case` != nil {
            throw HotlineError.invalidField(
                field: "newCase", value: "true", problem: "a new case and an existing case were both asked for",
                accepted: "\"case\": REF to add to an existing case, or \"newCase\": true, not both")
        }
        return InquiryDraft(
            person: person, region: region, born: born, unit: unit, inquirer: inquirer, relationship: relationship,
            channel: channel, contacts: contacts ?? [], note: note, caseRef: `case`, forceNewCase: newCase ?? false,
            serviceNumber: serviceNumber)
    }
}

/// `POST /v1/cases/{ref}/status`: `case status`'s options.
struct StatusBody: Decodable {
    var status: String
    var note: String?
    var source: String?
    var asOf: String?
}

/// `POST /v1/search`: the query in the body, so names stay out of URLs and proxy logs.
struct SearchBody: Decodable {
    var text: String
    var region: String?
    var born: String?
    var open: Bool?
    var limit: Int?
}
