import Foundation
import HotlineCore
import HummingbirdOTP

/// TOTP (RFC 6238) through HummingbirdOTP: the codes a sign-in accepts and the enrolment URI
/// for authenticator apps. Six digits, 30-second steps, SHA-1: what every app defaults to.
public enum OneTimeCodes {
    /// The codes valid at `at`: this step's and its neighbours', so a phone's clock 30 s off
    /// and a code typed as it turns over still work.
    public static func codes(secret: String, at: Date) -> [String] {
        stepCodes(secret: secret, at: at).map(\.code)
    }

    /// `codes(secret:at:)` with each code's time step, which a sign-in remembers so that a
    /// code works once.
    public static func stepCodes(secret: String, at: Date) -> [TOTPCode] {
        let totp = TOTP(secret: secret)
        return [-30.0, 0, 30].map { offset in
            let date = at.addingTimeInterval(offset)
            let code = String(totp.compute(date: date))
            return TOTPCode(
                step: Int64((date.timeIntervalSince1970 / 30).rounded(.down)),
                code: String(repeating: "0", count: max(0, totp.length - code.count)) + code)
        }
    }

    /// The `otpauth://` URI an authenticator app scans (as a QR code) or opens.
    public static func authenticatorURI(secret: String, operator name: String) -> String {
        TOTP(secret: secret).createAuthenticatorURL(label: "hotline:\(name)", issuer: "hotline")
    }
}

extension SignInPolicy {
    /// The policy with this server's TOTP codes.
    public static func server(totpRequiredForAdmins: Bool = false) -> SignInPolicy {
        var policy = SignInPolicy()
        policy.totpRequiredForAdmins = totpRequiredForAdmins
        policy.totpCodes = { secret, at in OneTimeCodes.stepCodes(secret: secret, at: at) }
        return policy
    }
}
