/// The bylaws templates that `coop init` writes: commented YAML for founders to edit.
public enum BylawsTemplate: String, Sendable, CaseIterable {
    /// A worker co-operative: the people who do the work own the platform.
    case worker
    /// A multi-stakeholder co-operative: workers, users and supporters own it together.
    case multiStakeholder = "multi-stakeholder"

    /// The file's text.
    public var text: String { text(founders: nil) }

    /// The file's text with a founders section of one's own (YAML, starting `founders:`).
    public func text(founders: String?) -> String {
        switch self {
        case .worker:
            Self.header(name: "Riverside Cleaning Co-operative", purpose: "A cleaning platform owned by its cleaners.")
                + Self.workerClasses + (founders ?? Self.founders(classID: "worker")) + Self.proposals
                + Self.board(reserved: "{}") + Self.surplus(classes: "{ worker: 100% }", measures: "{ worker: earnings }")
                + Self.policies
        case .multiStakeholder:
            Self.header(
                name: "Commons Care Co-operative",
                purpose: "A home-care and cleaning platform owned by its workers and the households it serves.")
                + Self.multiClasses + (founders ?? Self.founders(classID: "worker")) + Self.proposals
                + Self.board(reserved: "{ worker: 3, user: 2 }")
                + Self.surplus(classes: "{ worker: 70%, user: 30% }", measures: "{ worker: earnings, user: spending }")
                + Self.policies
        }
    }

    static func header(name: String, purpose: String) -> String {
        """
        # Coop bylaws. Edit this file, then found the co-op with:  coop serve --bylaws THIS_FILE
        # After founding, these bylaws change only by a bylaw amendment proposal; every version is kept.
        # Amounts are decimal text in the co-op's currency ("50.00"); shares are "10%" or 0.10.

        coop:
          name: "\(name)"
          purpose: "\(purpose)"
          currency: EUR          # ISO 4217 code
          currency_digits: 2     # minor-unit digits (0 for JPY)
          timezone: Europe/Madrid  # IANA time zone: members' default, and how bookings' days are read
          language: en           # pages' language when a visitor's browser asks for none Coop has: en, es or fr

        """
    }

    static let workerClasses = """
        # Stakeholder classes. admission: automatic (on paid shares), steward (a steward decides after
        # payment) or member_vote (the members vote on each applicant).
        classes:
          - id: worker
            name: Worker-members
            description: People who do the work sold on the platform.
            share_price: "50.00"
            shares_required: 2
            admission: steward
          - id: supporter
            name: Supporter-members
            description: People and organisations who back the co-op with capital.
            share_price: "25.00"
            shares_required: 1
            admission: automatic

        """

    static let multiClasses = """
        # Stakeholder classes. admission: automatic (on paid shares), steward (a steward decides after
        # payment) or member_vote (the members vote on each applicant).
        classes:
          - id: worker
            name: Worker-members
            description: People who do the work sold on the platform.
            share_price: "50.00"
            shares_required: 2
            admission: steward
          - id: user
            name: User-members
            description: Households who buy through the platform.
            share_price: "10.00"
            shares_required: 1
            admission: automatic
          - id: supporter
            name: Supporter-members
            description: People and organisations who back the co-op with capital.
            share_price: "25.00"
            shares_required: 1
            admission: member_vote

        """

    static func founders(classID: String) -> String {
        """
        # Founders get an account at founding (a one-time password is printed once), are admitted to
        # their class, and, with steward: true, hold the steward role the bylaws give.
        # At least one founder must be a steward. Replace this one with real people.
        founders:
          - name: First Founder
            email: founder@example.coop
            class: \(classID)
            steward: true

        """
    }

    static let proposals = """
        # How each kind of proposal is decided. method: majority, approval, score, irv, stv, schulze.
        # quorum: share of eligible members who must vote; threshold: share of yes among yes + no.
        # ballot: secret (default) or open.
        proposals:
          policy_change:   { method: majority, quorum: 0.25, threshold: 0.5,    discussion_days: 7,  voting_days: 7,  timelock_hours: 48 }
          bylaw_amendment: { method: majority, quorum: 0.5,  threshold: 0.6667, discussion_days: 14, voting_days: 14, timelock_hours: 72 }
          admission:       { method: majority, quorum: 0.1,  threshold: 0.5,    discussion_days: 3,  voting_days: 7,  timelock_hours: 0 }
          election:        { method: stv,      quorum: 0.25, threshold: 0.5,    discussion_days: 14, voting_days: 14, timelock_hours: 0 }
          budget:          { method: majority, quorum: 0.25, threshold: 0.5,    discussion_days: 7,  voting_days: 7,  timelock_hours: 48 }
          general:         { method: approval, quorum: 0,    threshold: 0.5,    discussion_days: 7,  voting_days: 7,  timelock_hours: 0, ballot: open }

        """

    static func board(reserved: String) -> String {
        """
        # The board: seats, term, seats reserved for a class, and the election method.
        board:
          seats: 5
          term_months: 24
          reserved: \(reserved)
          method: stv

        """
    }

    static func surplus(classes: String, measures: String) -> String {
        """
        # How a fiscal period's surplus is divided. reserve + patronage + community = 100%.
        # classes: each class's share of the patronage pool; measures: earnings, hours, spending, orders.
        # cash_minimum: least share of a dividend paid in cash; the rest goes to capital accounts.
        # period_months: length of a fiscal period; close: steward (a steward closes it) or schedule.
        # The formula in force when a period opens is locked to that period.
        surplus:
          reserve: 30%
          patronage: 65%
          community: 5%
          classes: \(classes)
          measures: \(measures)
          cash_minimum: 20%
          period_months: 12
          close: steward

        """
    }

    static let policies = """
        # Governed policies: changed only by a passed policy_change proposal, within these bounds.
        # type: rate ("10%"), money ("15.00"), integer, choice (with options).
        policies:
          - key: platform_fee
            type: rate
            description: Share of each order the co-op keeps to run the platform.
            initial: 10%
            min: 0%
            max: 25%
          - key: platform_fee_cap
            type: money
            description: Most the fee takes from any one order, whatever its price; 0.00 for no cap.
            initial: "0.00"
            min: "0.00"
            max: "100000.00"
          - key: minimum_pay_per_hour
            type: money
            description: Least a worker may receive per hour of service, after the fee.
            initial: "15.00"
            min: "12.00"
            max: "100.00"
          - key: search_ranking
            type: choice
            description: How search results are ordered. Nobody can pay to rank higher.
            initial: fair_rotation
            options: [fair_rotation, newest, rating, distance]
          - key: ratings_affect_ranking
            type: choice
            description: Whether ratings count in search ranking and dispatch.
            initial: "off"
            options: ["off", "on"]
          - key: cancellation_window_hours
            type: integer
            description: Hours before a booking within which a customer may cancel free of charge.
            initial: 24
            min: 0
            max: 168
          - key: open_data_privacy_threshold
            type: integer
            description: Smallest group of people an open-data aggregate may describe.
            initial: 5
            min: 3
            max: 100
          - key: late_cancellation_pay
            type: rate
            description: Share of the price a worker keeps when a customer cancels inside the window.
            initial: 50%
            min: 0%
            max: 100%
          - key: auto_complete_days
            type: integer
            description: Days after delivery when an order the customer has not completed or disputed completes by itself.
            initial: 3
            min: 1
            max: 30
          - key: dispatch_weight_fair_share
            type: integer
            description: Weight (0-100) of a fair share of recent work in choosing whom a job request is offered to.
            initial: 50
            min: 0
            max: 100
          - key: dispatch_weight_distance
            type: integer
            description: Weight (0-100) of nearness to the job.
            initial: 30
            min: 0
            max: 100
          - key: dispatch_weight_skills
            type: integer
            description: Weight (0-100) of having the skills the job asks for.
            initial: 20
            min: 0
            max: 100
          - key: dispatch_weight_rating
            type: integer
            description: Weight (0-100) of rating, counted only when ratings_affect_ranking is on.
            initial: 20
            min: 0
            max: 100
          - key: dispatch_offer_minutes
            type: integer
            description: Minutes a worker has to accept an offered job before it goes to the next.
            initial: 30
            min: 5
            max: 1440
          - key: dispatch_max_distance_km
            type: integer
            description: Distance beyond which nearness counts for nothing in dispatch.
            initial: 25
            min: 1
            max: 500
          - key: booking_minimum_minutes
            type: integer
            description: Shortest booking of a service priced by the hour, in minutes.
            initial: 30
            min: 15
            max: 480
          - key: booking_step_minutes
            type: integer
            description: Bookings of an hourly service last, and start, in steps of this many minutes.
            initial: 15
            min: 5
            max: 120
          - key: assembly_notice_days
            type: integer
            description: Days' notice, at least, between convening a general assembly and its date.
            initial: 14
            min: 0
            max: 365
          - key: annual_meeting_months
            type: integer
            description: Months after a fiscal period closes within which its annual general meeting is held (0 for no schedule); if no steward has convened it in time, Coop convenes it.
            initial: 6
            min: 0
            max: 24
          - key: assembly_proxy_cap
            type: integer
            description: Written proxies one member may hold at a general assembly (0 for none).
            initial: 2
            min: 0
            max: 10
          - key: endorsement_quota
            type: integer
            description: Skill endorsements one worker-member may have given at a time, all together (0 for none).
            initial: 10
            min: 0
            max: 100
          - key: dispatch_weight_endorsements
            type: integer
            description: Weight (0-100) of the endorsements peers gave a worker's skills that the job needs.
            initial: 0
            min: 0
            max: 100

        # The marketplace's categories: ids of lowercase letters, digits and _.
        categories: [cleaning, delivery, repairs, care, tutoring, crafts, food]

        # The co-op's own areas: listings are placed in one, picked by name, and search looks around
        # an area's centre (decimal degrees). Replace these with the places your members know.
        areas:
          - { id: centre, name: Centre, latitude: 52.372, longitude: 4.893 }
          - { id: north, name: North, latitude: 52.400, longitude: 4.915 }
          - { id: east, name: East, latitude: 52.360, longitude: 4.940 }
          - { id: south, name: South, latitude: 52.340, longitude: 4.890 }
          - { id: west, name: West, latitude: 52.370, longitude: 4.840 }

        """
}
