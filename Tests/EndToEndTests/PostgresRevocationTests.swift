import Foundation
import Testing

/// Revocation, log-out and account deletion on two `tandem-server` processes sharing one PostgreSQL database: the
/// sockets concerned close on whichever instance holds them (4002, 4003), through the LISTEN/NOTIFY relay, and the
/// operator's `admin accounts delete` reaches them the same way. The instance that did not make the change had the
/// token in its cache; once the relayed event closed the socket there, it refuses the token too.
///
/// Part of the serialized `PostgresMultiInstanceTests` suite: one of its tests restarts PostgreSQL, which must not
/// happen while these start servers on it.
extension PostgresMultiInstanceTests {
    @Test func revocationAndLogOutThroughOneInstanceCloseSocketsOnTheOtherWith4002() async throws {
        let (cluster, httpA, httpB) = try await PostgresMultiInstanceTests.signedUpCluster()
        defer { cluster.stop() }
        let laptop = try await PostgresMultiInstanceTests.logIn(httpA, device: "laptop")
        let desktop = try await PostgresMultiInstanceTests.logIn(httpB, device: "desktop")
        let phone = try await PostgresMultiInstanceTests.logIn(httpB, device: "phone")
        let laptopOnA = try await NoticeSocket.open(to: cluster.a, token: laptop, expectedOpen: 1)
        let desktopOnA = try await NoticeSocket.open(to: cluster.a, token: desktop, expectedOpen: 2)
        let phoneOnA = try await NoticeSocket.open(to: cluster.a, token: phone, expectedOpen: 3)
        // A caches both tokens (no wallet yet: 404); only the relayed events can take them out.
        try await PostgresMultiInstanceTests.cache([desktop, phone], on: httpA, status: 404)

        let revoked = try await httpB.post("/api/3/devices/revoke", ["token": phone, "deviceId": "desktop"])
        #expect(revoked.status == 200)
        let desktopClose = try await desktopOnA.closed.value
        #expect(desktopClose?.closeCode == .unknown(4002), "a revocation through B closes the device's socket on A")
        #expect(desktopClose?.reason == "device revoked")
        #expect(try await httpA.get("/api/3/wallet?token=\(desktop)").status == 401)

        #expect(try await httpB.post("/api/3/logout", ["token": phone]).status == 200)
        let phoneClose = try await phoneOnA.closed.value
        #expect(phoneClose?.closeCode == .unknown(4002), "a log-out through B closes the caller's socket on A")
        #expect(try await httpA.get("/api/3/wallet?token=\(phone)").status == 401, "and A no longer takes the token")

        #expect(try await PostgresMultiInstanceTests.upload(httpB, token: laptop, sequence: 1).status == 200)
        #expect(try await laptopOnA.waitForNotice(1), "the remaining device's socket stays open and hears writes")
        let listed = try await httpA.get("/api/3/devices?token=\(laptop)")
        #expect((listed.json["devices"] as? [[String: Any]])?.map { $0["deviceId"] as? String } == ["laptop"])
    }

    @Test func aLogInThatReplacesADevicesTokenEndsTheOldOneOnTheOtherInstanceToo() async throws {
        let (cluster, httpA, httpB) = try await PostgresMultiInstanceTests.signedUpCluster()
        defer { cluster.stop() }
        let old = try await PostgresMultiInstanceTests.logIn(httpA, device: "laptop")
        try await PostgresMultiInstanceTests.cache([old], on: httpB, status: 404)
        let new = try await PostgresMultiInstanceTests.logIn(httpA, device: "laptop")
        // Nothing on B says when it heard of the log-in; wait for it, bounded only against a hang.
        var status = 0
        for _ in 0..<200 {
            status = try await httpB.get("/api/3/wallet?token=\(old)").status
            if status == 401 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(status == 401, "B still took the token the laptop's new log-in replaced")
        #expect(try await httpB.get("/api/3/wallet?token=\(new)").status == 404, "the new token works there")
    }

    @Test func deletionThroughTheAPIOrTheAdminCommandClosesSocketsEverywhereWith4003() async throws {
        let (cluster, httpA, httpB) = try await PostgresMultiInstanceTests.signedUpCluster()
        defer { cluster.stop() }
        #expect(try await httpA.post("/api/3/signup", ["email": "ann@example.com", "password": "login-password",
                                                       "clientSaltSeed": PostgresMultiInstanceTests.seed]).status == 201)
        let joeLaptop = try await PostgresMultiInstanceTests.logIn(httpA, device: "laptop")
        let joePhone = try await PostgresMultiInstanceTests.logIn(httpB, device: "phone")
        let annReply = try await httpB.post("/api/3/auth/full", ["deviceId": "tablet", "email": "ann@example.com",
                                                                 "password": "login-password"])
        let ann = try #require(annReply.json["token"] as? String)
        let joeOnA = try await NoticeSocket.open(to: cluster.a, token: joeLaptop, expectedOpen: 1)
        let joeOnB = try await NoticeSocket.open(to: cluster.b, token: joePhone, expectedOpen: 1)
        let annOnA = try await NoticeSocket.open(to: cluster.a, token: ann, expectedOpen: 2)
        let annOnB = try await NoticeSocket.open(to: cluster.b, token: ann, expectedOpen: 2)
        try await PostgresMultiInstanceTests.cache([joeLaptop], on: httpB, status: 404)
        try await PostgresMultiInstanceTests.cache([ann], on: httpA, status: 404)

        // The operator deletes Joe while both servers run; the sockets on both close within seconds.
        let started = ContinuousClock.now
        let admin = AdminProcess(environment: ["DATABASE_URL": cluster.database])
        let deleted = try await admin.run("accounts", "delete", Self.email)
        #expect(deleted.status == 0, "\(deleted.errors)")
        for socket in [joeOnA, joeOnB] {
            let close = try await socket.closed.value
            #expect(close?.closeCode == .unknown(4003))
            #expect(close?.reason == "account deleted")
        }
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(try await httpB.get("/api/3/wallet?token=\(joeLaptop)").status == 401)

        // Ann deletes her own account through B; her socket on A closes too.
        let own = try await httpB.post("/api/3/account/delete", ["email": "ann@example.com", "password": "login-password"])
        #expect(own.status == 200)
        for socket in [annOnA, annOnB] {
            #expect(try await socket.closed.value?.closeCode == .unknown(4003))
        }
        #expect(try await httpA.get("/api/3/wallet?token=\(ann)").status == 401, "A dropped the deleted account's token")
        let list = try await admin.run("accounts", "list", "--json")
        #expect((list.json["accounts"] as? [[String: Any]])?.isEmpty == true, "\(list.output)\(list.errors)")
    }
}
